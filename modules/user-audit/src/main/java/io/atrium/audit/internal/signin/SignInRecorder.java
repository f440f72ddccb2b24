package io.atrium.audit.internal.signin;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import io.atrium.audit.Actor;
import io.atrium.audit.internal.chain.AdminActionChain;
import io.atrium.audit.internal.persistence.Sql;
import io.atrium.identity.events.EmployeeSignedIn;
import io.atrium.identity.events.EmployeeStandingChanged;

/**
 * Records every sign-in in one transaction: the user row is created on the first and refreshed on each later one,
 * the identity (issuer, subject) is linked, the roles Entra gave replace those of the previous sign-in, a bootstrap
 * administrator gets their grant, and a login event is appended. Observed synchronously, so a sign-in that cannot be
 * recorded does not happen.
 */
@ApplicationScoped
public class SignInRecorder {

    private static final Logger LOG = Logger.getLogger(SignInRecorder.class.getName());

    /*
     * One statement whatever the user's history: INSERT ... ON CONFLICT makes two simultaneous first sign-ins of the
     * same person end in one row, where find-then-persist would race and one of them would fail on the unique key.
     * The row stays locked until commit, so everything below happens for one sign-in of this person at a time.
     */
    private static final String UPSERT_USER = """
            INSERT INTO app_user (tenant_id, object_id, username, display_name, email,
                                  first_seen_at, last_seen_at, last_sign_in_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?6)
            ON CONFLICT (tenant_id, object_id) DO UPDATE
               SET username = EXCLUDED.username, display_name = EXCLUDED.display_name, email = EXCLUDED.email,
                   last_seen_at = EXCLUDED.last_seen_at, last_sign_in_at = EXCLUDED.last_sign_in_at
            RETURNING id
            """;

    @PersistenceContext(unitName = "atrium-audit")
    EntityManager entityManager;

    @Inject
    BootstrapAdmins bootstrapAdmins;

    @Inject
    AdminActionChain chain;

    @Inject
    Event<EmployeeStandingChanged> standingChanged;

    @Transactional
    public void record(@Observes EmployeeSignedIn signIn) {
        Instant at = Sql.micros(signIn.at());
        UUID userId = Sql.uuid(Sql.query(entityManager, UPSERT_USER, signIn.tenantId(), signIn.objectId(),
                signIn.username(), signIn.displayName(), signIn.email(), at).getSingleResult());
        if (signIn.issuer() != null && signIn.subject() != null) {
            Sql.query(entityManager, """
                    INSERT INTO user_identity (user_id, provider, issuer, subject, first_used_at, last_used_at)
                    VALUES (?1, 'entra-id', ?2, ?3, ?4, ?4)
                    ON CONFLICT (issuer, subject) DO UPDATE SET last_used_at = EXCLUDED.last_used_at""",
                    userId, signIn.issuer(), signIn.subject(), at).executeUpdate();
        }
        replaceEntraRoles(userId, signIn, at);
        if (bootstrapAdmins.includes(signIn.objectId(), signIn.username())) {
            grantBootstrapAdmin(userId, signIn);
        }
        Sql.query(entityManager, """
                INSERT INTO login_event (id, user_id, occurred_at, outcome, client_address, user_agent,
                                         entra_session_id, attempted_tenant_id, attempted_object_id, attempted_username)
                VALUES (?1, ?2, ?3, 'success', ?4, ?5, ?6, ?7, ?8, ?9)""",
                UUID.randomUUID(), userId, at, signIn.clientAddress(), signIn.userAgent(), signIn.entraSessionId(),
                signIn.tenantId(), signIn.objectId(), signIn.username()).executeUpdate();
    }

    /** Entra is the authority on its own roles: the rows follow the latest sign-in, with where each role came from. */
    private void replaceEntraRoles(UUID userId, EmployeeSignedIn signIn, Instant at) {
        Map<String, String> sources = new LinkedHashMap<>();
        for (String role : signIn.roles()) {
            sources.put(role, signIn.appRoles().contains(role) ? "entra-app-role" : "entra-group");
        }
        StringBuilder keep = new StringBuilder("''");
        for (Map.Entry<String, String> role : sources.entrySet()) {
            keep.append(",'").append(quoted(role.getKey() + "|" + role.getValue())).append("'");
        }
        Sql.query(entityManager, "DELETE FROM role_grant WHERE user_id = ?1 AND source <> 'local' AND "
                + "role || '|' || source NOT IN (" + keep + ")", userId).executeUpdate();
        for (Map.Entry<String, String> role : sources.entrySet()) {
            Sql.query(entityManager, """
                    INSERT INTO role_grant (user_id, role, source, granted_by, granted_at)
                    VALUES (?1, ?2, ?3, 'Entra ID', ?4)
                    ON CONFLICT (user_id, role, source) WHERE revoked_at IS NULL DO NOTHING""",
                    userId, role.getKey(), role.getValue(), at).executeUpdate();
        }
    }

    /**
     * Once only: an administrator who later revokes a bootstrap admin's grant is not overruled at the next sign-in,
     * since any local admin grant, even a revoked one, counts as "already bootstrapped".
     */
    private void grantBootstrapAdmin(UUID userId, EmployeeSignedIn signIn) {
        long earlier = Sql.number(Sql.query(entityManager, "SELECT count(*) FROM role_grant WHERE user_id = ?1 "
                + "AND role = 'admin' AND source = 'local'", userId).getSingleResult());
        if (earlier > 0) {
            return;
        }
        String reason = "named in ATRIUM_BOOTSTRAP_ADMINS";
        Sql.query(entityManager, """
                INSERT INTO role_grant (user_id, role, source, granted_by, granted_at, reason)
                VALUES (?1, 'admin', 'local', ?2, ?3, ?4)""",
                userId, Actor.SYSTEM.described(), Sql.micros(Instant.now()), reason).executeUpdate();
        chain.append(Actor.SYSTEM, "grant-role", userId, signIn.displayName() + " <" + signIn.username() + "> ("
                + signIn.tenantId() + "/" + signIn.objectId() + ")", "no local grant of admin",
                "local grant of admin without expiry", reason);
        standingChanged.fire(new EmployeeStandingChanged(signIn.tenantId(), signIn.objectId(), false));
        LOG.info(() -> "bootstrap administrator granted admin: user=" + signIn.username());
    }

    private static String quoted(String text) {
        return text.replace("'", "''");
    }
}
