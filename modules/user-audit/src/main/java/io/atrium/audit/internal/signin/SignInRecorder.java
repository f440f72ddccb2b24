package io.atrium.audit.internal.signin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.atrium.audit.Actor;
import io.atrium.audit.internal.chain.AdminActionChain;
import io.atrium.audit.internal.persistence.AuditUnit;
import io.atrium.audit.internal.persistence.RoleGrantEntity;
import io.atrium.audit.internal.persistence.Sql;
import io.atrium.identity.events.EmployeeRolesRefreshed;
import io.atrium.identity.events.EmployeeSignedIn;
import io.atrium.identity.events.EmployeeStandingChanged;

/**
 * Records every sign-in in one transaction: the user row is created on the first and refreshed on each later one,
 * the identity (issuer, subject) is linked, the roles Entra gave replace those of the previous sign-in, a bootstrap
 * administrator gets their grant, and a login event is appended. Roles Entra changed during a session replace the
 * stored ones at the token refresh that brought them. Observed synchronously, so a sign-in that cannot be
 * recorded does not happen.
 */
@ApplicationScoped
public class SignInRecorder {

    private static final Logger LOG = Logger.getLogger(SignInRecorder.class.getName());

    /*
     * The whole sign-in in one statement (native SQL: JPA has no upsert): the user row by INSERT ... ON CONFLICT, so
     * that two simultaneous first sign-ins of one person end in one row where find-then-persist would race; the
     * identity the same way; the login event; and back the user's id with the roles Entra gave at the previous sign-in
     * (read from the snapshot before this statement), so that unchanged roles cost no further statement. The user row
     * stays locked until commit: everything below happens for one sign-in of this person at a time.
     */
    private static final String RECORD_SIGN_IN = """
            WITH signed_in AS (
                INSERT INTO app_user (tenant_id, object_id, username, display_name, email,
                                      first_seen_at, last_seen_at, last_sign_in_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?6)
                ON CONFLICT (tenant_id, object_id) DO UPDATE
                   SET username = EXCLUDED.username, display_name = EXCLUDED.display_name, email = EXCLUDED.email,
                       last_seen_at = EXCLUDED.last_seen_at, last_sign_in_at = EXCLUDED.last_sign_in_at
                RETURNING id
            ), identity AS (
                INSERT INTO user_identity (user_id, provider, issuer, subject, first_used_at, last_used_at)
                SELECT id, 'entra-id', CAST(?7 AS text), CAST(?8 AS text), ?6, ?6 FROM signed_in
                 WHERE CAST(?7 AS text) IS NOT NULL AND CAST(?8 AS text) IS NOT NULL
                ON CONFLICT (issuer, subject) DO UPDATE SET last_used_at = EXCLUDED.last_used_at
            ), event AS (
                INSERT INTO login_event (id, user_id, occurred_at, outcome, client_address, user_agent,
                                         entra_session_id, attempted_tenant_id, attempted_object_id, attempted_username)
                SELECT ?9, id, ?6, 'success', ?10, ?11, ?12, ?1, ?2, ?3 FROM signed_in
            )
            SELECT CAST(id AS text),
                   (SELECT string_agg(g.role || chr(9) || g.source, chr(10) ORDER BY g.role, g.source)
                      FROM role_grant g
                     WHERE g.user_id = signed_in.id AND g.source <> 'local' AND g.revoked_at IS NULL)
              FROM signed_in
            """;

    /*
     * Entra's roles replace those of the previous sign-in in one statement (native SQL: JPA has no ON CONFLICT, here
     * on the partial unique index of current grants): the roles and their sources come as two newline-separated
     * lists (no role value holds a newline), unnested side by side.
     */
    private static final String REPLACE_ENTRA_ROLES = """
            WITH given AS (
                SELECT role, source
                  FROM unnest(string_to_array(CAST(?2 AS text), chr(10)), string_to_array(CAST(?3 AS text), chr(10)))
                       AS given (role, source)
            ), gone AS (
                DELETE FROM role_grant g
                 WHERE g.user_id = ?1 AND g.source <> 'local'
                   AND NOT EXISTS (SELECT 1 FROM given WHERE given.role = g.role AND given.source = g.source)
            )
            INSERT INTO role_grant (user_id, role, source, granted_by, granted_at)
            SELECT ?1, role, source, 'Entra ID', ?4 FROM given
            ON CONFLICT (user_id, role, source) WHERE revoked_at IS NULL DO NOTHING
            """;

    private final EntityManager entityManager;
    private final BootstrapAdmins bootstrapAdmins;
    private final AdminActionChain chain;
    private final Event<EmployeeStandingChanged> standingChanged;

    @Inject
    public SignInRecorder(@AuditUnit EntityManager entityManager, BootstrapAdmins bootstrapAdmins,
                          AdminActionChain chain, Event<EmployeeStandingChanged> standingChanged) {
        this.entityManager = entityManager;
        this.bootstrapAdmins = bootstrapAdmins;
        this.chain = chain;
        this.standingChanged = standingChanged;
    }

    /** For CDI's proxy. */
    protected SignInRecorder() {
        this(null, null, null, null);
    }

    @Transactional
    public void record(@Observes EmployeeSignedIn signIn) {
        Instant at = Sql.micros(signIn.at());
        Object[] recorded = (Object[]) Sql.query(entityManager, RECORD_SIGN_IN, signIn.tenantId(),
                signIn.objectId(), signIn.username(), signIn.displayName(), signIn.email(), at, signIn.issuer(),
                signIn.subject(), UUID.randomUUID(), signIn.clientAddress(), signIn.userAgent(),
                signIn.entraSessionId()).getSingleResult();
        UUID userId = UUID.fromString((String) recorded[0]);
        Map<String, String> given = entraRoles(signIn.roles(), signIn.appRoles());
        if (!given.equals(stored(listed((String) recorded[1])))) {
            replaceEntraRoles(userId, given, at);
        }
        if (bootstrapAdmins.includes(signIn.tenantId(), signIn.objectId())) {
            grantBootstrapAdmin(userId, signIn);
        }
    }

    /**
     * Roles that changed in Entra during a session replace the stored ones as a sign-in's would, so the admin pages
     * show what the session now has. Someone not recorded yet (their sign-in's record was lost) is left alone.
     */
    @Transactional
    public void record(@Observes EmployeeRolesRefreshed refreshed) {
        List<Object[]> rows = entityManager.createNamedQuery("User.findEntraRolesByEntraIdentity", Object[].class)
                .setParameter("tenantId", refreshed.tenantId())
                .setParameter("objectId", refreshed.objectId())
                .getResultList();
        if (rows.isEmpty()) {
            return;
        }
        List<String[]> stored = new ArrayList<>();
        for (Object[] row : rows) {
            if (row[1] != null) {
                stored.add(new String[]{(String) row[1], (String) row[2]});
            }
        }
        Map<String, String> given = entraRoles(refreshed.roles(), refreshed.appRoles());
        if (!given.equals(stored(stored))) {
            replaceEntraRoles((UUID) rows.get(0)[0], given, Sql.micros(refreshed.at()));
        }
    }

    private void replaceEntraRoles(UUID userId, Map<String, String> given, Instant at) {
        Sql.query(entityManager, REPLACE_ENTRA_ROLES, userId, String.join("\n", given.keySet()),
                String.join("\n", given.values()), at).executeUpdate();
    }

    /** Entra is the authority on its own roles: each role it gave with where it came from. */
    private static Map<String, String> entraRoles(Set<String> roles, Set<String> appRoles) {
        Map<String, String> sources = new TreeMap<>();
        for (String role : roles) {
            sources.put(role, appRoles.contains(role) ? "entra-app-role" : "entra-group");
        }
        return sources;
    }

    /** The (role, source) pairs of {@link #RECORD_SIGN_IN}'s list: a line each, role and source split by a tab. */
    private static List<String[]> listed(String stored) {
        List<String[]> pairs = new ArrayList<>();
        if (stored != null) {
            for (String line : stored.split("\n")) {
                pairs.add(line.split("\t", 2));
            }
        }
        return pairs;
    }

    /** The roles stored from the previous sign-in, each with its source. */
    private static Map<String, String> stored(List<String[]> roleAndSource) {
        Map<String, String> sources = new TreeMap<>();
        for (String[] pair : roleAndSource) {
            if (sources.put(pair[0], pair[1]) != null) {
                return Map.of(); // the same role from two sources: not what a sign-in gives, so replace
            }
        }
        return sources;
    }

    /**
     * Once only: an administrator who later revokes a bootstrap admin's grant is not overruled at the next sign-in,
     * since any local admin grant, even a revoked one, counts as "already bootstrapped".
     */
    private void grantBootstrapAdmin(UUID userId, EmployeeSignedIn signIn) {
        long earlier = entityManager.createNamedQuery("RoleGrant.countEverLocal", Long.class)
                .setParameter("userId", userId)
                .setParameter("role", "admin")
                .getSingleResult();
        if (earlier > 0) {
            return;
        }
        String reason = "named in ATRIUM_BOOTSTRAP_ADMINS";
        entityManager.persist(RoleGrantEntity.local(userId, "admin", Actor.SYSTEM.described(),
                Sql.micros(Instant.now()), null, reason));
        chain.append(Actor.SYSTEM, "grant-role", userId, signIn.displayName() + " <" + signIn.username() + "> ("
                + signIn.tenantId() + "/" + signIn.objectId() + ")", "no local grant of admin",
                "local grant of admin without expiry", reason);
        standingChanged.fire(new EmployeeStandingChanged(signIn.tenantId(), signIn.objectId(), false));
        LOG.info(() -> "bootstrap administrator granted admin: user=" + signIn.username() + " oid=" + signIn.objectId()
                + " tid=" + signIn.tenantId());
    }
}
