package io.atrium.audit.internal.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.TimeZone;

import org.junit.jupiter.api.Test;

import io.atrium.audit.internal.AuditDatabase;

/**
 * Instants go to {@code timestamptz} columns as the moment they are, whatever the JVM's time zone: JPA 3.2 maps
 * {@link Instant} itself, so the module needs no converter of its own. The zone here is Chatham's (+13:45, a DST
 * change on the moment chosen, in its repeated hour), where any conversion through local time would show.
 */
class InstantColumnsOnPostgresTest {

    private static final Instant IN_CHATHAMS_REPEATED_HOUR = Instant.parse("2026-04-04T14:30:00.123456Z");

    private final AuditDatabase db = AuditDatabase.get();

    @Test
    void an_instant_is_stored_and_read_back_as_the_same_moment_in_a_zone_far_from_utc() {
        TimeZone zone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Chatham"));
        try {
            db.reset();
            db.run(em -> em.persist(LoginEventEntity.failure(null, IN_CHATHAMS_REPEATED_HOUR, "test", null, null,
                    null, null, "tid", "oid", "someone@bank.example")));

            assertThat(db.count("SELECT count(*) FROM login_event WHERE occurred_at = "
                    + "timestamptz '2026-04-04 14:30:00.123456+00'")).as("stored").isEqualTo(1);
            Instant read = db.inTransaction(em -> {
                em.getEntityManagerFactory().getCache().evictAll();
                return em.createQuery("SELECT e.occurredAt FROM LoginEventEntity e", Instant.class)
                        .getSingleResult();
            });
            assertThat(read).as("read back").isEqualTo(IN_CHATHAMS_REPEATED_HOUR);
        } finally {
            TimeZone.setDefault(zone);
        }
    }
}
