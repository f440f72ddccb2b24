package io.atrium.audit.internal.persistence;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

/**
 * Native SQL through the module's EntityManager, so that it joins the caller's JTA transaction. The module writes
 * SQL where PostgreSQL's own features carry the rule (ON CONFLICT, partial indexes, advisory locks, trigram search);
 * this class binds parameters in one place and reads back the driver's types.
 */
public final class Sql {

    private Sql() {
    }

    /** Binds {@code parameters} to {@code ?1, ?2, ...} in order; Instants become UTC timestamps. */
    public static Query query(EntityManager entityManager, String sql, Object... parameters) {
        Query query = entityManager.createNativeQuery(sql);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, bindable(parameters[i]));
        }
        return query;
    }

    public static Query query(EntityManager entityManager, String sql, List<Object> parameters) {
        return query(entityManager, sql, parameters.toArray());
    }

    @SuppressWarnings("unchecked")
    public static List<Object[]> rows(Query query) {
        List<Object[]> rows = new ArrayList<>();
        for (Object row : query.getResultList()) {
            rows.add(row instanceof Object[] columns ? columns : new Object[]{row});
        }
        return rows;
    }

    public static Object bindable(Object value) {
        return value instanceof Instant instant ? instant.atOffset(ZoneOffset.UTC) : value;
    }

    public static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof OffsetDateTime offsetDateTime) {
            return offsetDateTime.toInstant();
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        throw new IllegalStateException("not a timestamp: " + value.getClass());
    }

    public static UUID uuid(Object value) {
        return value == null ? null : value instanceof UUID uuid ? uuid : UUID.fromString(value.toString());
    }

    public static String text(Object value) {
        return value == null ? null : value.toString();
    }

    public static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    /** A LIKE pattern matching {@code text} anywhere, its own % and _ taken literally. */
    public static String containing(String text) {
        return "%" + text.toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    /** Timestamps keep microseconds in PostgreSQL: values that are hashed or compared are cut to that first. */
    public static Instant micros(Instant instant) {
        return instant.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }
}
