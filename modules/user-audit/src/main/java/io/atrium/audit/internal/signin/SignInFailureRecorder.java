package io.atrium.audit.internal.signin;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import io.atrium.audit.internal.persistence.Sql;
import io.atrium.identity.events.EmployeeSignInFailed;

/**
 * Records a refused sign-in as a failed login event, linked to the user when Atrium knows the attempted employee.
 * No user row is created for a failure: someone Atrium never let in is not a user.
 */
@ApplicationScoped
public class SignInFailureRecorder {

    @PersistenceContext(unitName = "atrium-audit")
    EntityManager entityManager;

    @Transactional
    public void record(@Observes EmployeeSignInFailed failure) {
        Object userId = failure.tenantId() == null || failure.objectId() == null ? null
                : Sql.rows(Sql.query(entityManager, "SELECT CAST(id AS text) FROM app_user WHERE tenant_id = ?1 "
                        + "AND object_id = ?2", failure.tenantId(), failure.objectId())).stream()
                .findFirst().map(row -> row[0]).orElse(null);
        Sql.query(entityManager, """
                INSERT INTO login_event (id, user_id, occurred_at, outcome, failure_reason, entra_error_code,
                                         client_address, user_agent, entra_session_id, attempted_tenant_id,
                                         attempted_object_id, attempted_username)
                VALUES (?1, CAST(?2 AS uuid), ?3, 'failure', ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)""",
                UUID.randomUUID(), userId, Sql.micros(failure.at() == null ? Instant.now() : failure.at()),
                failure.reason(), failure.entraErrorCode(), failure.clientAddress(), failure.userAgent(),
                failure.entraSessionId(), failure.tenantId(), failure.objectId(), failure.username()).executeUpdate();
    }
}
