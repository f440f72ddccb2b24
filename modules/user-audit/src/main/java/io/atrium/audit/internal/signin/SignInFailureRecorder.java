package io.atrium.audit.internal.signin;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.atrium.audit.internal.persistence.AuditUnit;
import io.atrium.audit.internal.persistence.LoginEventEntity;
import io.atrium.audit.internal.persistence.Sql;
import io.atrium.identity.events.EmployeeSignInFailed;

/**
 * Records a refused sign-in as a failed login event, linked to the user when Atrium knows the attempted employee.
 * No user row is created for a failure: someone Atrium never let in is not a user.
 */
@ApplicationScoped
public class SignInFailureRecorder {

    private final EntityManager entityManager;

    @Inject
    public SignInFailureRecorder(@AuditUnit EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** For CDI's proxy. */
    protected SignInFailureRecorder() {
        this(null);
    }

    @Transactional
    public void record(@Observes EmployeeSignInFailed failure) {
        UUID userId = failure.tenantId() == null || failure.objectId() == null ? null
                : entityManager.createNamedQuery("User.findIdByEntraIdentity", UUID.class)
                .setParameter("tenantId", failure.tenantId())
                .setParameter("objectId", failure.objectId())
                .getResultStream().findFirst().orElse(null);
        entityManager.persist(LoginEventEntity.failure(userId,
                Sql.micros(failure.at() == null ? Instant.now() : failure.at()), failure.reason(),
                failure.entraErrorCode(), failure.clientAddress(), failure.userAgent(), failure.entraSessionId(),
                failure.tenantId(), failure.objectId(), failure.username()));
    }
}
