package io.atrium.audit.internal.persistence;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** An employee Atrium has seen, keyed by Entra's (tenant id, object id). */
@Entity
@Table(name = "app_user")
@NamedQuery(name = "UserEntity.findByEntraIdentity",
        query = "SELECT u FROM UserEntity u WHERE u.tenantId = :tenantId AND u.objectId = :objectId")
@NamedQuery(name = "UserEntity.pageWithSignInCounts",
        query = "SELECT u, (SELECT COUNT(e) FROM LoginEventEntity e WHERE e.userId = u.id AND e.outcome = 'success') "
                + "FROM UserEntity u ORDER BY u.displayName, u.id")
public class UserEntity {

    @Id
    private UUID id;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    private String tenantId;

    @Column(name = "object_id", nullable = false, updatable = false)
    private String objectId;

    @Column(nullable = false)
    private String username;

    @Column(name = "display_name", nullable = false)
    private String displayName;

    private String email;

    @Column(nullable = false)
    private String status;

    @Column(name = "first_seen_at", nullable = false, updatable = false)
    private Instant firstSeenAt;

    @Column(name = "last_seen_at", nullable = false)
    private Instant lastSeenAt;

    @Column(name = "last_sign_in_at", nullable = false)
    private Instant lastSignInAt;

    protected UserEntity() {
    }

    public UUID id() {
        return id;
    }

    public String tenantId() {
        return tenantId;
    }

    public String objectId() {
        return objectId;
    }

    public String username() {
        return username;
    }

    public String displayName() {
        return displayName;
    }

    public String email() {
        return email;
    }

    public String status() {
        return status;
    }

    public Instant firstSeenAt() {
        return firstSeenAt;
    }

    public Instant lastSeenAt() {
        return lastSeenAt;
    }

    public Instant lastSignInAt() {
        return lastSignInAt;
    }
}
