package io.atrium.audit.internal.persistence;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import io.atrium.audit.UserQuery;
import io.atrium.audit.UserView;

/**
 * A row of {@code app_user} (migrations V1, V2 in db/migration/audit). Rows are created and refreshed by the sign-in
 * upsert ({@code SignInRecorder}); here only an administrator's change of standing is written.
 */
@Entity
@Table(name = "app_user")
@NamedQueries({
    @NamedQuery(name = "User.findByEntraIdentity", query = "SELECT u, " + UserEntity.SIGN_INS + " FROM UserEntity u "
            + "WHERE u.tenantId = :tenantId AND u.objectId = :objectId"),
    @NamedQuery(name = "User.findById", query = "SELECT u, " + UserEntity.SIGN_INS + " FROM UserEntity u "
            + "WHERE u.id = :id"),
    @NamedQuery(name = "User.findByIds", query = "SELECT u, " + UserEntity.SIGN_INS + " FROM UserEntity u "
            + "WHERE u.id IN :ids"),
    @NamedQuery(name = "User.findStandingByEntraIdentity", query = "SELECT u.status, g.role FROM UserEntity u "
            + "LEFT JOIN RoleGrantEntity g ON g.userId = u.id AND g.source = 'local' AND " + RoleGrantEntity.CURRENT
            + " WHERE u.tenantId = :tenantId AND u.objectId = :objectId"),
    @NamedQuery(name = "User.findIdByEntraIdentity", query = "SELECT u.id FROM UserEntity u "
            + "WHERE u.tenantId = :tenantId AND u.objectId = :objectId"),
    @NamedQuery(name = "User.findEntraRolesByEntraIdentity", query = "SELECT u.id, g.role, g.source FROM UserEntity u "
            + "LEFT JOIN RoleGrantEntity g ON g.userId = u.id AND g.source <> 'local' AND g.revokedAt IS NULL "
            + "WHERE u.tenantId = :tenantId AND u.objectId = :objectId")
})
public class UserEntity {

    /** The user's successful sign-ins, counted from the (user, time) index with the row: no query per user. */
    static final String SIGN_INS = "(SELECT COUNT(e) FROM LoginEventEntity e WHERE e.userId = u.id "
            + "AND e.outcome = 'success')";
    public static final String ACTIVE = UserQuery.Status.ACTIVE.text();
    public static final String DISABLED = UserQuery.Status.DISABLED.text();

    @Id
    private UUID id;

    @Column(name = "tenant_id", nullable = false)
    private String tenantId;

    @Column(name = "object_id", nullable = false)
    private String objectId;

    @Column(nullable = false)
    private String username;

    @Column(name = "display_name", nullable = false)
    private String displayName;

    private String email;

    @Column(nullable = false)
    private String status;

    @Column(name = "first_seen_at", nullable = false)
    private Instant firstSeenAt;

    @Column(name = "last_seen_at", nullable = false)
    private Instant lastSeenAt;

    @Column(name = "last_sign_in_at", nullable = false)
    private Instant lastSignInAt;

    @Column(name = "status_reason")
    private String statusReason;

    @Column(name = "status_changed_by")
    private String statusChangedBy;

    @Column(name = "status_changed_at")
    private Instant statusChangedAt;

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

    public boolean disabled() {
        return DISABLED.equals(status);
    }

    /** As the admin-action log names a user: readable without a join. */
    public String described() {
        return displayName + " <" + username + "> (" + tenantId + "/" + objectId + ")";
    }

    public void changeStatus(boolean disabled, String reason, String changedBy, Instant changedAt) {
        this.status = disabled ? DISABLED : ACTIVE;
        this.statusReason = reason;
        this.statusChangedBy = changedBy;
        this.statusChangedAt = changedAt;
    }

    public UserView view(long signInCount) {
        return new UserView(tenantId, objectId, username, displayName, email, status, firstSeenAt, lastSignInAt,
                signInCount, id, lastSeenAt, statusReason, statusChangedBy, statusChangedAt);
    }
}
