package io.atrium.audit.internal.persistence;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

/**
 * Native SQL through the module's EntityManager, so that it joins the caller's JTA transaction, for what JPA cannot
 * say (ON CONFLICT, advisory locks, DELETE with LIMIT); each caller says why. Binds parameters in one place.
 */
public final class Sql {

    private Sql() {
    }

    /** Binds {@code parameters} to {@code ?1, ?2, ...} in order; Instants become UTC timestamps. */
    public static Query query(EntityManager entityManager, String sql, Object... parameters) {
        Query query = entityManager.createNativeQuery(sql);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i] instanceof Instant instant ? instant.atOffset(ZoneOffset.UTC)
                    : parameters[i]);
        }
        return query;
    }

    /** Timestamps keep microseconds in PostgreSQL: values that are hashed or compared are cut to that first. */
    public static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }
}
