package io.atrium.audit.internal.persistence;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import io.atrium.identity.LocalAccess;

/**
 * Tells identity, at each sign-in, whether Atrium has disabled the employee. Local role grants join here when the
 * role-grant table exists (issue 5); until then an employee has only the roles Entra gives.
 */
@ApplicationScoped
public class JpaLocalAccess implements LocalAccess {

    @PersistenceContext(unitName = "atrium-audit")
    EntityManager entityManager;

    @Override
    public Standing standing(String tenantId, String objectId) {
        return entityManager.createNamedQuery("UserEntity.findByEntraIdentity", UserEntity.class)
                .setParameter("tenantId", tenantId)
                .setParameter("objectId", objectId)
                .getResultStream()
                .findFirst()
                .map(user -> new Standing("disabled".equals(user.status()), Set.of()))
                .orElse(Standing.UNKNOWN_EMPLOYEE);
    }
}
