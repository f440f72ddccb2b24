package io.atrium.audit.internal.persistence;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import io.atrium.audit.LoginEventView;

/**
 * A row of {@code login_event} (migrations V1, V2): one sign-in attempt. Successes are written by the sign-in upsert
 * ({@code SignInRecorder}), failures here.
 */
@Entity
@Table(name = "login_event")
@NamedQuery(name = "LoginEvent.findRecentByUser", query = "SELECT e FROM LoginEventEntity e "
        + "WHERE e.userId = :userId ORDER BY e.occurredAt DESC")
public class LoginEventEntity {

    @Id
    private UUID id;

    @Column(name = "user_id")
    private UUID userId;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    @Column(nullable = false)
    private String outcome;

    @Column(name = "client_address")
    private String clientAddress;

    @Column(name = "user_agent")
    private String userAgent;

    @Column(name = "entra_session_id")
    private String entraSessionId;

    @Column(name = "attempted_tenant_id")
    private String attemptedTenantId;

    @Column(name = "attempted_object_id")
    private String attemptedObjectId;

    @Column(name = "attempted_username")
    private String attemptedUsername;

    @Column(name = "failure_reason")
    private String failureReason;

    @Column(name = "entra_error_code")
    private String entraErrorCode;

    protected LoginEventEntity() {
    }

    /** A refused sign-in; {@code userId} is null when Atrium does not know the attempted employee. */
    public static LoginEventEntity failure(UUID userId, Instant occurredAt, String failureReason,
                                           String entraErrorCode, String clientAddress, String userAgent,
                                           String entraSessionId, String attemptedTenantId,
                                           String attemptedObjectId, String attemptedUsername) {
        LoginEventEntity event = new LoginEventEntity();
        event.id = UUID.randomUUID();
        event.userId = userId;
        event.occurredAt = occurredAt;
        event.outcome = "failure";
        event.failureReason = failureReason;
        event.entraErrorCode = entraErrorCode;
        event.clientAddress = clientAddress;
        event.userAgent = userAgent;
        event.entraSessionId = entraSessionId;
        event.attemptedTenantId = attemptedTenantId;
        event.attemptedObjectId = attemptedObjectId;
        event.attemptedUsername = attemptedUsername;
        return event;
    }

    /** {@code username} stands in for events recorded before the attempted user name was kept. */
    LoginEventView view(String username) {
        return new LoginEventView(occurredAt, outcome, attemptedUsername == null ? username : attemptedUsername,
                failureReason, entraErrorCode, clientAddress, userAgent, entraSessionId);
    }
}
