package io.atrium.audit.internal.persistence;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** One sign-in attempt. Append-only: rows are written once and only the retention job removes them. */
@Entity
@Table(name = "login_event")
@NamedQuery(name = "LoginEventEntity.countSuccessesOfUser",
        query = "SELECT COUNT(e) FROM LoginEventEntity e WHERE e.userId = :userId AND e.outcome = 'success'")
public class LoginEventEntity {

    @Id
    private UUID id;

    @Column(name = "user_id", nullable = false, updatable = false)
    private UUID userId;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    private Instant occurredAt;

    @Column(nullable = false, updatable = false)
    private String outcome;

    @Column(name = "client_address", updatable = false)
    private String clientAddress;

    @Column(name = "user_agent", updatable = false)
    private String userAgent;

    @Column(name = "entra_session_id", updatable = false)
    private String entraSessionId;

    protected LoginEventEntity() {
    }

    public static LoginEventEntity success(UUID userId, Instant at, String clientAddress, String userAgent,
                                           String entraSessionId) {
        LoginEventEntity event = new LoginEventEntity();
        event.id = UUID.randomUUID();
        event.userId = userId;
        event.occurredAt = at;
        event.outcome = "success";
        event.clientAddress = clientAddress;
        event.userAgent = userAgent;
        event.entraSessionId = entraSessionId;
        return event;
    }
}
