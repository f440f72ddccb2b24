package io.atrium.audit.internal.admin;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import io.atrium.audit.Actor;
import io.atrium.audit.AdministrationRefused;
import io.atrium.audit.RoleView;
import io.atrium.audit.UserAdministration;
import io.atrium.audit.internal.chain.ActionReason;
import io.atrium.audit.internal.chain.AdminActionChain;
import io.atrium.audit.internal.persistence.JpaUserDirectory;
import io.atrium.audit.internal.persistence.Sql;
import io.atrium.identity.events.EmployeeStandingChanged;

@ApplicationScoped
public class JpaUserAdministration implements UserAdministration {

    private static final Logger LOG = Logger.getLogger(JpaUserAdministration.class.getName());
    private static final Pattern ROLE = Pattern.compile("[a-z][a-z0-9_.-]{0,63}");
    static final String ADMIN = "admin";
    /** Arbitrary, fixed: the key of the advisory lock that serialises changes to who is an administrator. */
    private static final long ADMINS_LOCK = 0x61_64_6d_69_6e_73L;

    @PersistenceContext(unitName = "atrium-audit")
    EntityManager entityManager;

    @Inject
    AdminActionChain chain;

    @Inject
    Event<EmployeeStandingChanged> standingChanged;

    @Override
    @Transactional
    public RoleView grantRole(Actor actor, UUID userId, String role, String reason, Instant expiresAt) {
        String checkedRole = role(role);
        String checkedReason = ActionReason.checked(reason);
        Instant now = Sql.micros(Instant.now());
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw new AdministrationRefused(AdministrationRefused.Kind.INVALID, "The expiry must be in the future.");
        }
        TargetUser user = lockUser(userId);
        List<Object[]> replaced = Sql.rows(Sql.query(entityManager, """
                UPDATE role_grant SET revoked_at = ?1, revoked_by = ?2, revoke_reason = 'replaced by a new grant'
                 WHERE user_id = ?3 AND role = ?4 AND source = 'local' AND revoked_at IS NULL
                RETURNING expires_at""", now, actor.described(), userId, checkedRole));
        Sql.query(entityManager, """
                INSERT INTO role_grant (user_id, role, source, granted_by, granted_at, expires_at, reason)
                VALUES (?1, ?2, 'local', ?3, ?4, CAST(?5 AS timestamptz), ?6)""",
                userId, checkedRole, actor.described(), now, expiresAt == null ? null : Sql.micros(expiresAt),
                checkedReason).executeUpdate();
        String before = replaced.isEmpty() ? "no local grant of " + checkedRole
                : "local grant of " + checkedRole + until(Sql.instant(replaced.get(0)[0]));
        String after = "local grant of " + checkedRole + until(expiresAt);
        chain.append(actor, "grant-role", userId, user.described(), before, after, checkedReason);
        standingChanged.fire(new EmployeeStandingChanged(user.tenantId, user.objectId, user.disabled));
        LOG.info(() -> "role granted: role=" + checkedRole + " user=" + user.username + " by=" + actor.id());
        return new RoleView(checkedRole, "local", actor.described(), now, expiresAt, checkedReason);
    }

    @Override
    @Transactional
    public void revokeRole(Actor actor, UUID userId, String role, String reason) {
        String checkedRole = role(role);
        String checkedReason = ActionReason.checked(reason);
        if (ADMIN.equals(checkedRole)) {
            lockAdmins();
        }
        TargetUser user = lockUser(userId);
        Instant now = Sql.micros(Instant.now());
        if (ADMIN.equals(checkedRole) && !user.disabled && !hasAdminBesidesLocal(userId) && otherActiveAdmins(userId) == 0) {
            throw lastAdmin(user);
        }
        List<Object[]> revoked = Sql.rows(Sql.query(entityManager, """
                UPDATE role_grant SET revoked_at = ?1, revoked_by = ?2, revoke_reason = ?3
                 WHERE user_id = ?4 AND role = ?5 AND source = 'local' AND revoked_at IS NULL
                RETURNING expires_at""", now, actor.described(), checkedReason, userId, checkedRole));
        if (revoked.isEmpty()) {
            throw new AdministrationRefused(AdministrationRefused.Kind.NOT_FOUND, user.username
                    + " has no local grant of the role '" + checkedRole + "' to revoke (roles from Entra ID are "
                    + "changed in Entra ID).");
        }
        chain.append(actor, "revoke-role", userId, user.described(),
                "local grant of " + checkedRole + until(Sql.instant(revoked.get(0)[0])),
                "no local grant of " + checkedRole, checkedReason);
        standingChanged.fire(new EmployeeStandingChanged(user.tenantId, user.objectId, user.disabled));
        LOG.info(() -> "role revoked: role=" + checkedRole + " user=" + user.username + " by=" + actor.id());
    }

    @Override
    @Transactional
    public void disable(Actor actor, UUID userId, String reason) {
        String checkedReason = ActionReason.checked(reason);
        lockAdmins();
        TargetUser user = lockUser(userId);
        if (user.disabled) {
            throw new AdministrationRefused(AdministrationRefused.Kind.CONFLICT, user.username + " is already disabled.");
        }
        if (isAdmin(userId) && otherActiveAdmins(userId) == 0) {
            throw lastAdmin(user);
        }
        changeStatus(actor, user, "disabled", checkedReason);
        LOG.info(() -> "user disabled: user=" + user.username + " by=" + actor.id());
    }

    @Override
    @Transactional
    public void enable(Actor actor, UUID userId, String reason) {
        String checkedReason = ActionReason.checked(reason);
        TargetUser user = lockUser(userId);
        if (!user.disabled) {
            throw new AdministrationRefused(AdministrationRefused.Kind.CONFLICT, user.username + " is already active.");
        }
        changeStatus(actor, user, "active", checkedReason);
        LOG.info(() -> "user enabled: user=" + user.username + " by=" + actor.id());
    }

    private void changeStatus(Actor actor, TargetUser user, String status, String reason) {
        Sql.query(entityManager, """
                UPDATE app_user SET status = ?1, status_reason = ?2, status_changed_by = ?3, status_changed_at = ?4
                 WHERE id = ?5""", status, reason, actor.described(), Sql.micros(Instant.now()), user.id)
                .executeUpdate();
        chain.append(actor, "disabled".equals(status) ? "disable-user" : "enable-user", user.id, user.described(),
                "status=" + (user.disabled ? "disabled" : "active"), "status=" + status, reason);
        standingChanged.fire(new EmployeeStandingChanged(user.tenantId, user.objectId, "disabled".equals(status)));
    }

    private TargetUser lockUser(UUID userId) {
        if (userId == null) {
            throw new AdministrationRefused(AdministrationRefused.Kind.INVALID, "Which user? The user id is missing.");
        }
        return Sql.rows(Sql.query(entityManager, """
                        SELECT id, tenant_id, object_id, username, display_name, status FROM app_user
                         WHERE id = ?1 FOR UPDATE""", userId)).stream().findFirst()
                .map(row -> new TargetUser(Sql.uuid(row[0]), Sql.text(row[1]), Sql.text(row[2]), Sql.text(row[3]),
                        Sql.text(row[4]), "disabled".equals(row[5])))
                .orElseThrow(() -> new AdministrationRefused(AdministrationRefused.Kind.NOT_FOUND,
                        "There is no user " + userId + "."));
    }

    /** Two administrators removing each other at the same moment must not both succeed: one waits for the other. */
    private void lockAdmins() {
        Sql.query(entityManager, "SELECT pg_advisory_xact_lock(?1)", ADMINS_LOCK).getSingleResult();
    }

    private boolean isAdmin(UUID userId) {
        return Sql.number(Sql.query(entityManager, "SELECT count(*) FROM role_grant g WHERE g.user_id = ?1 AND g.role = '"
                + ADMIN + "' AND " + JpaUserDirectory.CURRENT_GRANT, userId).getSingleResult()) > 0;
    }

    private boolean hasAdminBesidesLocal(UUID userId) {
        return Sql.number(Sql.query(entityManager, "SELECT count(*) FROM role_grant g WHERE g.user_id = ?1 AND g.role = '"
                + ADMIN + "' AND g.source <> 'local' AND " + JpaUserDirectory.CURRENT_GRANT, userId)
                .getSingleResult()) > 0;
    }

    private long otherActiveAdmins(UUID userId) {
        return Sql.number(Sql.query(entityManager, """
                SELECT count(DISTINCT u.id) FROM app_user u JOIN role_grant g ON g.user_id = u.id
                 WHERE u.status = 'active' AND u.id <> ?1 AND g.role = '""" + ADMIN + "' AND "
                + JpaUserDirectory.CURRENT_GRANT, userId).getSingleResult());
    }

    private static AdministrationRefused lastAdmin(TargetUser user) {
        return new AdministrationRefused(AdministrationRefused.Kind.CONFLICT, user.username
                + " is the last active administrator: make someone else an administrator first, so that Atrium is "
                + "never left without one.");
    }

    private static String role(String role) {
        String trimmed = role == null ? "" : role.strip();
        if (!ROLE.matcher(trimmed).matches()) {
            throw new AdministrationRefused(AdministrationRefused.Kind.INVALID, "A role is a lower-case name of up to "
                    + "64 letters, digits, '.', '_' or '-', starting with a letter, such as 'admin'.");
        }
        return trimmed;
    }

    private static String until(Instant expiresAt) {
        return expiresAt == null ? " without expiry" : " until " + Sql.micros(expiresAt);
    }

    private record TargetUser(UUID id, String tenantId, String objectId, String username, String displayName,
                              boolean disabled) {

        String described() {
            return displayName + " <" + username + "> (" + tenantId + "/" + objectId + ")";
        }
    }
}
