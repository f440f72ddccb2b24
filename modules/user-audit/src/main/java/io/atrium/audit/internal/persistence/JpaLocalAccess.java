package io.atrium.audit.internal.persistence;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.atrium.identity.LocalAccess;

/**
 * Tells identity whether Atrium has disabled an employee and which roles Atrium's administrators granted them
 * (current local grants: not revoked, not expired). One query; identity caches the answer briefly.
 */
@ApplicationScoped
public class JpaLocalAccess implements LocalAccess {

    private final EntityManager entityManager;

    @Inject
    public JpaLocalAccess(@AuditUnit EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** For CDI's proxy. */
    protected JpaLocalAccess() {
        this(null);
    }

    @Override
    public Standing standing(String tenantId, String objectId) {
        List<Object[]> rows = entityManager.createNamedQuery("User.findStandingByEntraIdentity", Object[].class)
                .setParameter("tenantId", tenantId)
                .setParameter("objectId", objectId)
                .getResultList();
        if (rows.isEmpty()) {
            return Standing.UNKNOWN_EMPLOYEE;
        }
        Set<String> granted = new LinkedHashSet<>();
        for (Object[] row : rows) {
            if (row[1] != null) {
                granted.add((String) row[1]);
            }
        }
        return new Standing(UserEntity.DISABLED.equals(rows.get(0)[0]), granted);
    }
}
