package io.atrium.audit.internal.persistence;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import io.atrium.audit.RoleView;

/**
 * A row of {@code role_grant} (migration V2): a role from Entra (replaced at each sign-in by the upsert in
 * {@code SignInRecorder}) or granted locally by an administrator, never deleted by one, only revoked.
 */
@Entity
@Table(name = "role_grant")
@NamedQueries({
    @NamedQuery(name = "RoleGrant.findCurrentByUser", query = "SELECT g FROM RoleGrantEntity g "
            + "WHERE g.userId = :userId AND " + RoleGrantEntity.CURRENT + " ORDER BY g.role, g.source"),
    @NamedQuery(name = "RoleGrant.findUnrevokedLocal", query = "SELECT g FROM RoleGrantEntity g "
            + "WHERE g.userId = :userId AND g.role = :role AND g.source = 'local' AND g.revokedAt IS NULL"),
    @NamedQuery(name = "RoleGrant.countEverLocal", query = "SELECT COUNT(g) FROM RoleGrantEntity g "
            + "WHERE g.userId = :userId AND g.role = :role AND g.source = 'local'"),
    @NamedQuery(name = "RoleGrant.countCurrent", query = "SELECT COUNT(g) FROM RoleGrantEntity g "
            + "WHERE g.userId = :userId AND g.role = :role AND " + RoleGrantEntity.CURRENT),
    @NamedQuery(name = "RoleGrant.countCurrentFromEntra", query = "SELECT COUNT(g) FROM RoleGrantEntity g "
            + "WHERE g.userId = :userId AND g.role = :role AND g.source <> 'local' AND " + RoleGrantEntity.CURRENT),
    @NamedQuery(name = "RoleGrant.countOtherActiveHolders", query = "SELECT COUNT(DISTINCT u.id) "
            + "FROM UserEntity u, RoleGrantEntity g WHERE g.userId = u.id AND u.status = 'active' "
            + "AND u.id <> :userId AND g.role = :role AND " + RoleGrantEntity.CURRENT)
})
public class RoleGrantEntity {

    /** A grant counts until it is revoked or expires; Entra's rows until the next sign-in replaces them. */
    static final String CURRENT = "g.revokedAt IS NULL AND (g.expiresAt IS NULL OR g.expiresAt > CURRENT_TIMESTAMP)";
    public static final String LOCAL = "local";

    @Id
    private UUID id;

    @Column(name = "user_id", nullable = false)
    private UUID userId;

    @Column(nullable = false)
    private String role;

    @Column(nullable = false)
    private String source;

    @Column(name = "granted_by", nullable = false)
    private String grantedBy;

    @Column(name = "granted_at", nullable = false)
    private Instant grantedAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    private String reason;

    @Column(name = "revoked_by")
    private String revokedBy;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    @Column(name = "revoke_reason")
    private String revokeReason;

    protected RoleGrantEntity() {
    }

    /** A grant by an administrator (or Atrium itself); {@code expiresAt} may be null. */
    public static RoleGrantEntity local(UUID userId, String role, String grantedBy, Instant grantedAt,
                                        Instant expiresAt, String reason) {
        RoleGrantEntity grant = new RoleGrantEntity();
        grant.id = UUID.randomUUID();
        grant.userId = userId;
        grant.role = role;
        grant.source = LOCAL;
        grant.grantedBy = grantedBy;
        grant.grantedAt = grantedAt;
        grant.expiresAt = expiresAt;
        grant.reason = reason;
        return grant;
    }

    public void revoke(String revokedBy, Instant revokedAt, String revokeReason) {
        this.revokedBy = revokedBy;
        this.revokedAt = revokedAt;
        this.revokeReason = revokeReason;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public RoleView view() {
        return new RoleView(role, source, grantedBy, grantedAt, expiresAt, reason);
    }
}
