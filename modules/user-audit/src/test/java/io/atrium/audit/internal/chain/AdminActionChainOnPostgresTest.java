package io.atrium.audit.internal.chain;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.atrium.audit.Actor;
import io.atrium.audit.AdminActionQuery;
import io.atrium.audit.AdminActionView;
import io.atrium.audit.AdministrationRefused;
import io.atrium.audit.ChainVerification;
import io.atrium.audit.internal.AuditDatabase;
import io.atrium.audit.internal.Beans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdminActionChainOnPostgresTest {

    private final AuditDatabase db = AuditDatabase.get();
    private final Beans beans = new Beans(null);

    @BeforeEach
    void fiveActionsAreLogged() {
        db.reset();
        for (int i = 1; i <= 5; i++) {
            String target = "user " + i;
            db.run(em -> {
                beans.chain(em).append(Actor.SYSTEM, "disable-user", null, target, "status=active", "status=disabled",
                        "reason, with \"quotes\" and ünïcödé");
            });
        }
    }

    @Test
    void an_untouched_log_verifies() {
        ChainVerification verification = verify();
        assertThat(verification.intact()).isTrue();
        assertThat(verification.entriesChecked()).isEqualTo(5);
    }

    @Test
    void another_modules_change_is_chained_like_the_others_and_needs_a_reason() {
        Actor admin = Actor.employee("tenant-1", "oid-adam", "adam@atrium.example");
        db.run(em -> beans.actionLog(em).record(admin, "set-role-quota", null, "role employee",
                "employee: 20 tokens a day (default)", "employee: 5000 tokens a day", "pilot group"));

        AdminActionView entry = db.inTransaction(em -> beans.actionLog(em).search(new AdminActionQuery(null,
                "set-role-quota", null, null, null, 0, 10))).get(0);
        assertThat(entry.actor()).isEqualTo(admin.described());
        assertThat(entry.after()).isEqualTo("employee: 5000 tokens a day");
        assertThat(entry.reason()).isEqualTo("pilot group");
        assertThat(verify().entriesChecked()).isEqualTo(6);
        assertThatThrownBy(() -> db.run(em -> beans.actionLog(em).record(admin, "set-role-quota", null, "role x",
                null, "x: 1 tokens a day", " "))).isInstanceOf(AdministrationRefused.class)
                .hasMessageContaining("Give a reason");
    }

    @Test
    void the_application_cannot_update_or_delete_an_entry() {
        assertThatThrownBy(() -> db.sql("UPDATE admin_action SET reason = 'nothing' WHERE seq = 2"))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> db.sql("DELETE FROM admin_action WHERE seq = 2"))
                .hasMessageContaining("append-only");
    }

    @Test
    void an_entry_changed_behind_the_guard_is_reported_as_the_first_broken_link() {
        tamper("UPDATE admin_action SET reason = 'nothing to see' WHERE seq = 3");

        ChainVerification verification = verify();
        assertThat(verification.intact()).isFalse();
        assertThat(verification.firstBrokenSeq()).isEqualTo(3);
        assertThat(verification.problem()).isEqualTo("entry 3 was changed after it was written");
        assertThat(verification.entriesChecked()).isEqualTo(2);
    }

    @Test
    void an_entry_changed_with_its_hash_recomputed_breaks_the_link_of_the_next_one() {
        tamper("UPDATE admin_action SET reason = 'nothing to see', hash = repeat('a', 64) WHERE seq = 3");

        ChainVerification verification = verify();
        assertThat(verification.firstBrokenSeq()).isEqualTo(3);
    }

    @Test
    void a_removed_entry_is_reported() {
        tamper("DELETE FROM admin_action WHERE seq = 2");

        ChainVerification verification = verify();
        assertThat(verification.firstBrokenSeq()).isEqualTo(2);
        assertThat(verification.problem()).isEqualTo("entry 2 is missing");
    }

    private ChainVerification verify() {
        return db.inTransaction(em -> beans.actionLog(em).verify());
    }

    /** What someone with the table owner's rights could do: lift the guard, change a row. */
    private void tamper(String sql) {
        db.sql("ALTER TABLE admin_action DISABLE TRIGGER admin_action_no_update_or_delete", sql,
                "ALTER TABLE admin_action ENABLE TRIGGER admin_action_no_update_or_delete");
    }
}
