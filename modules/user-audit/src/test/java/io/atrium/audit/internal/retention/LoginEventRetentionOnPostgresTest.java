package io.atrium.audit.internal.retention;

import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.atrium.audit.Actor;
import io.atrium.audit.AuditMaintenance;
import io.atrium.audit.internal.AuditDatabase;
import io.atrium.audit.internal.Beans;
import io.atrium.audit.internal.SignIns;
import io.atrium.audit.internal.chain.ActionSeal;
import io.atrium.audit.internal.signin.BootstrapAdmins;

import static org.assertj.core.api.Assertions.assertThat;

class LoginEventRetentionOnPostgresTest {

    private static final BootstrapAdmins NO_BOOTSTRAP_ADMINS = new BootstrapAdmins(Optional.empty());

    private final AuditDatabase db = AuditDatabase.get();
    private final Beans beans = new Beans(null);

    @BeforeEach
    void signInsOfLongAgoAndToday() {
        db.reset();
        for (int i = 0; i < 3; i++) {
            db.run(em -> beans.signInRecorder(em).record(SignIns.of("oid-erin", "erin@bank.example",
                    Set.of("employee"), Set.of())));
        }
        db.sql("UPDATE login_event SET occurred_at = now() - interval '100 days' WHERE ctid IN "
                + "(SELECT ctid FROM login_event LIMIT 2)");
        db.run(em -> {
            beans.chain(em).append(Actor.SYSTEM, "disable-user", null, "x", "a", "b", "old action");
        });
        db.sql("ALTER TABLE admin_action DISABLE TRIGGER admin_action_no_update_or_delete",
                "UPDATE admin_action SET occurred_at = now() - interval '400 days'",
                "ALTER TABLE admin_action ENABLE TRIGGER admin_action_no_update_or_delete");
    }

    @Test
    void login_events_older_than_the_retention_are_purged_and_admin_actions_never() {
        long purged = maintenance(90).purgeOldLoginEvents();

        assertThat(purged).isEqualTo(2);
        assertThat(db.count("SELECT count(*) FROM login_event")).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM admin_action WHERE action = 'disable-user'")).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM admin_action WHERE action = 'purge-login-events' "
                + "AND before_state = '2 login events'")).isEqualTo(1);
    }

    @Test
    void nothing_within_the_retention_is_purged_and_nothing_is_logged_then() {
        assertThat(maintenance(365).purgeOldLoginEvents()).isZero();
        assertThat(db.count("SELECT count(*) FROM login_event")).isEqualTo(3);
        assertThat(db.count("SELECT count(*) FROM admin_action WHERE action = 'purge-login-events'")).isZero();
    }

    @Test
    void a_retention_below_one_day_is_named_as_a_problem() {
        assertThat(new ScheduledAuditMaintenance(0, 1440, null, NO_BOOTSTRAP_ADMINS, new ActionSeal(Optional.empty(), 0)).problems()).singleElement().asString()
                .startsWith("ATRIUM_AUDIT_LOGIN_EVENT_RETENTION_DAYS");
    }

    /** Each batch in its own transaction, as the container runs the @Transactional bean. */
    private AuditMaintenance maintenance(int days) {
        LoginEventRetention retention = new LoginEventRetention() {
            @Override
            public int purgeBatch(java.time.Instant cutoff) {
                return db.inTransaction(em -> beans.retention(em).purgeBatch(cutoff));
            }

            @Override
            public void logPurge(java.time.Instant cutoff, long purged, int retentionDays) {
                db.run(em -> {
                    beans.retention(em).logPurge(cutoff, purged, retentionDays);
                });
            }
        };
        return new ScheduledAuditMaintenance(days, 1440, retention, NO_BOOTSTRAP_ADMINS, new ActionSeal(Optional.empty(), 0));
    }
}
