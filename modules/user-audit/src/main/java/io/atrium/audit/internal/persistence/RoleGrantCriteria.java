package io.atrium.audit.internal.persistence;

import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Path;
import jakarta.persistence.criteria.Predicate;

/** {@link RoleGrantEntity#CURRENT} for Criteria queries. */
final class RoleGrantCriteria {

    private RoleGrantCriteria() {
    }

    /** Raw types: Criteria types CURRENT_TIMESTAMP as a Timestamp, the column is mapped as an Instant. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Predicate current(CriteriaBuilder cb, Path<RoleGrantEntity> g) {
        Expression expiresAt = g.get("expiresAt");
        return cb.and(cb.isNull(g.get("revokedAt")),
                cb.or(cb.isNull(expiresAt), cb.greaterThan(expiresAt, (Expression) cb.currentTimestamp())));
    }
}
