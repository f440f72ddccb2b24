package io.atrium.audit.internal.admin;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import io.atrium.audit.Actor;
import io.atrium.audit.AdministrationRefused;
import io.atrium.audit.RoleView;
import io.atrium.audit.UserAdministration;
import io.atrium.audit.internal.chain.ActionReason;
import io.atrium.audit.internal.chain.AdminActionChain;
import io.atrium.audit.internal.persistence.AuditUnit;
import io.atrium.audit.internal.persistence.RoleGrantEntity;
import io.atrium.audit.internal.persistence.Sql;
import io.atrium.audit.internal.persistence.UserEntity;
import io.atrium.identity.events.EmployeeStandingChanged;

@ApplicationScoped
public class JpaUserAdministration implements UserAdministration {

    private static final Logger LOG = Logger.getLogger(JpaUserAdministration.class.getName());
    private static final Pattern ROLE = Pattern.compile("[a-z][a-z0-9_.-]{0,63}");
    static final String ADMIN = "admin";
    /** Arbitrary, fixed: the key of the advisory lock that serialises changes to who is an administrator. */
    private static final long ADMINS_LOCK = 0x61_64_6d_69_6e_73L;

    private final EntityManager entityManager;
    private final AdminActionChain chain;
    private final Event<EmployeeStandingChanged> standingChanged;

    @Inject
    public JpaUserAdministration(@AuditUnit EntityManager entityManager, AdminActionChain chain,
                                 Event<EmployeeStandingChanged> standingChanged) {
        this.entityManager = entityManager;
        this.chain = chain;
        this.standingChanged = standingChanged;
    }

    /** For CDI's proxy. */
    protected JpaUserAdministration() {
        this(null, null, null);
    }

    @Override
    @Transactional
    public RoleView grantRole(Actor actor, UUID userId, String role, String reason, Instant expiresAt) {
        String checkedRole = role(role);
        String checkedReason = ActionReason.checked(reason);
        Instant now = Sql.micros(Instant.now());
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw new AdministrationRefused(AdministrationRefused.Kind.INVALID, "The expiry must be in the future.");
        }
        UserEntity user = lockUser(userId);
        Optional<RoleGrantEntity> replaced = unrevokedLocalGrant(userId, checkedRole);
        replaced.ifPresent(grant -> {
            grant.revoke(actor.described(), now, "replaced by a new grant");
            // Revoked in the database before the new grant is inserted: one current grant per role and source.
            entityManager.flush();
        });
        entityManager.persist(RoleGrantEntity.local(userId, checkedRole, actor.described(), now,
                expiresAt == null ? null : Sql.micros(expiresAt), checkedReason));
        String before = replaced.map(grant -> "local grant of " + checkedRole + until(grant.expiresAt()))
                .orElse("no local grant of " + checkedRole);
        String after = "local grant of " + checkedRole + until(expiresAt);
        chain.append(actor, "grant-role", userId, user.described(), before, after, checkedReason);
        standingChanged.fire(new EmployeeStandingChanged(user.tenantId(), user.objectId(), user.disabled()));
        LOG.info(() -> "role granted: role=" + checkedRole + " user=" + user.username() + " by=" + actor.id());
        return new RoleView(checkedRole, RoleGrantEntity.LOCAL, actor.described(), now, expiresAt, checkedReason);
    }

    @Override
    @Transactional
    public void revokeRole(Actor actor, UUID userId, String role, String reason) {
        String checkedRole = role(role);
        String checkedReason = ActionReason.checked(reason);
        if (ADMIN.equals(checkedRole)) {
            lockAdmins();
        }
        UserEntity user = lockUser(userId);
        Instant now = Sql.micros(Instant.now());
        if (ADMIN.equals(checkedRole) && !user.disabled() && count("RoleGrant.countCurrentFromEntra", userId) == 0
                && count("RoleGrant.countOtherActiveHolders", userId) == 0) {
            throw lastAdmin(user);
        }
        RoleGrantEntity revoked = unrevokedLocalGrant(userId, checkedRole)
                .orElseThrow(() -> new AdministrationRefused(AdministrationRefused.Kind.NOT_FOUND, user.username()
                        + " has no local grant of the role '" + checkedRole + "' to revoke (roles from Entra ID are "
                        + "changed in Entra ID)."));
        revoked.revoke(actor.described(), now, checkedReason);
        chain.append(actor, "revoke-role", userId, user.described(),
                "local grant of " + checkedRole + until(revoked.expiresAt()),
                "no local grant of " + checkedRole, checkedReason);
        standingChanged.fire(new EmployeeStandingChanged(user.tenantId(), user.objectId(), user.disabled()));
        LOG.info(() -> "role revoked: role=" + checkedRole + " user=" + user.username() + " by=" + actor.id());
    }

    @Override
    @Transactional
    public void disable(Actor actor, UUID userId, String reason) {
        String checkedReason = ActionReason.checked(reason);
        lockAdmins();
        UserEntity user = lockUser(userId);
        if (user.disabled()) {
            throw new AdministrationRefused(AdministrationRefused.Kind.CONFLICT, user.username()
                    + " is already disabled.");
        }
        if (count("RoleGrant.countCurrent", userId) > 0 && count("RoleGrant.countOtherActiveHolders", userId) == 0) {
            throw lastAdmin(user);
        }
        changeStatus(actor, user, true, checkedReason);
        LOG.info(() -> "user disabled: user=" + user.username() + " by=" + actor.id());
    }

    @Override
    @Transactional
    public void enable(Actor actor, UUID userId, String reason) {
        String checkedReason = ActionReason.checked(reason);
        UserEntity user = lockUser(userId);
        if (!user.disabled()) {
            throw new AdministrationRefused(AdministrationRefused.Kind.CONFLICT, user.username()
                    + " is already active.");
        }
        changeStatus(actor, user, false, checkedReason);
        LOG.info(() -> "user enabled: user=" + user.username() + " by=" + actor.id());
    }

    private void changeStatus(Actor actor, UserEntity user, boolean disabled, String reason) {
        String before = "status=" + (user.disabled() ? UserEntity.DISABLED : UserEntity.ACTIVE);
        user.changeStatus(disabled, reason, actor.described(), Sql.micros(Instant.now()));
        chain.append(actor, disabled ? "disable-user" : "enable-user", user.id(), user.described(), before,
                "status=" + (disabled ? UserEntity.DISABLED : UserEntity.ACTIVE), reason);
        standingChanged.fire(new EmployeeStandingChanged(user.tenantId(), user.objectId(), disabled));
    }

    /** The user's row, locked until commit ({@code SELECT ... FOR UPDATE}): one change of a user at a time. */
    private UserEntity lockUser(UUID userId) {
        if (userId == null) {
            throw new AdministrationRefused(AdministrationRefused.Kind.INVALID, "Which user? The user id is missing.");
        }
        return Optional.ofNullable(entityManager.find(UserEntity.class, userId, LockModeType.PESSIMISTIC_WRITE))
                .orElseThrow(() -> new AdministrationRefused(AdministrationRefused.Kind.NOT_FOUND,
                        "There is no user " + userId + "."));
    }

    private Optional<RoleGrantEntity> unrevokedLocalGrant(UUID userId, String role) {
        return entityManager.createNamedQuery("RoleGrant.findUnrevokedLocal", RoleGrantEntity.class)
                .setParameter("userId", userId)
                .setParameter("role", role)
                .getResultStream().findFirst();
    }

    /** Two administrators removing each other at the same moment must not both succeed: one waits for the other. */
    private void lockAdmins() {
        // Native: JPA has no advisory lock, and no one row stands for "the set of administrators".
        Sql.query(entityManager, "SELECT pg_advisory_xact_lock(?1)", ADMINS_LOCK).getSingleResult();
    }

    /** A count of the user's current admin grants, or of other active administrators, by the named query. */
    private long count(String namedQuery, UUID userId) {
        return entityManager.createNamedQuery(namedQuery, Long.class)
                .setParameter("userId", userId)
                .setParameter("role", ADMIN)
                .getSingleResult();
    }

    private static AdministrationRefused lastAdmin(UserEntity user) {
        return new AdministrationRefused(AdministrationRefused.Kind.CONFLICT, user.username()
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
}
