package io.atrium.audit.internal.persistence;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import io.atrium.identity.LocalAccess;

/**
 * Tells identity whether Atrium has disabled an employee and which roles Atrium's administrators granted them
 * (current local grants: not revoked, not expired). One query; identity caches the answer briefly.
 */
@ApplicationScoped
public class JpaLocalAccess implements LocalAccess {

    @PersistenceContext(unitName = "atrium-audit")
    EntityManager entityManager;

    @Override
    public Standing standing(String tenantId, String objectId) {
        List<Object[]> rows = Sql.rows(Sql.query(entityManager, """
                SELECT u.status, g.role FROM app_user u
                  LEFT JOIN role_grant g ON g.user_id = u.id AND g.source = 'local' AND """
                + JpaUserDirectory.CURRENT_GRANT + " WHERE u.tenant_id = ?1 AND u.object_id = ?2", tenantId, objectId));
        if (rows.isEmpty()) {
            return Standing.UNKNOWN_EMPLOYEE;
        }
        Set<String> granted = new LinkedHashSet<>();
        for (Object[] row : rows) {
            if (row[1] != null) {
                granted.add(row[1].toString());
            }
        }
        return new Standing("disabled".equals(rows.get(0)[0]), granted);
    }
}
