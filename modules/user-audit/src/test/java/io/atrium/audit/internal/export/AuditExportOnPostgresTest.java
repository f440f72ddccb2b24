package io.atrium.audit.internal.export;

import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.atrium.audit.Actor;
import io.atrium.audit.internal.AuditDatabase;
import io.atrium.audit.internal.Beans;
import io.atrium.audit.internal.SignIns;
import io.atrium.identity.events.EmployeeSignInFailed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuditExportOnPostgresTest {

    private final AuditDatabase db = AuditDatabase.get();
    private static final Actor ADAM = Actor.employee(SignIns.TENANT, "oid-adam", "adam@bank.example");

    private final Beans beans = new Beans(null);
    private final JdbcAuditExport export = new JdbcAuditExport(db.dataSource(), beans.exportRecorder(db));

    @BeforeEach
    void aUserWhoseNameLooksLikeAFormula() {
        db.reset();
        db.run(em -> beans.signInRecorder(em).record(new io.atrium.identity.events.EmployeeSignedIn(
                SignIns.TENANT, "oid-mallory", "mallory@bank.example", "=HYPERLINK(\"http://evil\",\"x\")",
                "mallory@bank.example", Set.of(), null, "203.0.113.9", "agent, with comma", Instant.now(),
                SignIns.ISSUER, "sub", Set.of())));
        db.run(em -> beans.failureRecorder(em).record(new EmployeeSignInFailed(null, null, null,
                "not_assigned", "AADSTS50105", null, "198.51.100.5", null, Instant.now())));
    }

    @Test
    void users_are_exported_as_csv_with_formulas_defused() throws Exception {
        StringWriter csv = new StringWriter();
        export.usersCsv(ADAM, csv);

        String[] lines = csv.toString().split("\r\n");
        assertThat(lines[0]).startsWith("id,tenant_id,object_id,username,display_name,email,status");
        assertThat(lines).hasSize(2);
        assertThat(lines[1]).contains(",\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",").contains(",active,");
    }

    @Test
    void login_events_are_exported_successes_and_failures_alike() throws Exception {
        StringWriter csv = new StringWriter();
        export.loginEventsCsv(ADAM, csv, null, null);

        String text = csv.toString();
        assertThat(text.split("\r\n")).hasSize(3);
        assertThat(text).contains("\"agent, with comma\"").contains(",failure,").contains("AADSTS50105");
    }

    @Test
    void the_admin_action_log_is_exported_in_order_with_hashes_and_each_export_is_an_admin_action_itself()
            throws Exception {
        var mallory = db.inTransaction(em -> beans.directory(em).findByEntraIdentity(SignIns.TENANT, "oid-mallory"))
                .orElseThrow();
        db.run(em -> beans.administration(em).disable(ADAM, mallory.id(), "left the bank"));
        Instant from = Instant.parse("2026-01-01T00:00:00Z");
        export.usersCsv(ADAM, new StringWriter());
        export.loginEventsCsv(ADAM, new StringWriter(), from, null);

        StringWriter csv = new StringWriter();
        export.adminActionsCsv(ADAM, csv, null, null);

        String[] lines = csv.toString().split("\r\n");
        assertThat(lines[0]).isEqualTo("seq,occurred_at,actor,action,target_user_id,target,before_state,after_state,"
                + "reason,hash");
        assertThat(lines).hasSize(5);
        assertThat(lines[1]).startsWith("1,").contains(",disable-user," + mallory.id() + ",").contains(",left the bank,");
        assertThat(lines[2]).startsWith("2,").contains("adam@bank.example (" + SignIns.TENANT + "/oid-adam)")
                .contains(",export-csv,,users.csv,,all rows,,");
        assertThat(lines[3]).startsWith("3,").contains(",export-csv,,login-events.csv,,rows from " + from + ",,");
        assertThat(lines[4]).as("this export, logged before its first row").startsWith("4,")
                .contains(",export-csv,,admin-actions.csv,,all rows,,");
        assertThat(db.inTransaction(em -> beans.actionLog(em).verify()).intact()).as("still one unbroken chain")
                .isTrue();
    }

    @Test
    void another_modules_rows_are_exported_defused_and_recorded_like_the_others() throws Exception {
        StringWriter csv = new StringWriter();
        Instant from = Instant.parse("2026-03-01T00:00:00Z");

        export.csv(ADAM, "ai-usage.csv", from, Instant.parse("2026-03-02T00:00:00Z"), csv, List.of("day", "who"),
                row -> {
                    row.accept(List.of("2026-03-01", "=cmd|' /C calc'!A0"));
                    row.accept(List.of("2026-03-01", "erin"));
                });

        assertThat(csv.toString().split("\r\n")).containsExactly("day,who", "2026-03-01,'=cmd|' /C calc'!A0",
                "2026-03-01,erin");
        StringWriter log = new StringWriter();
        export.adminActionsCsv(ADAM, log, null, null);
        assertThat(log.toString()).contains(",export-csv,,ai-usage.csv,,rows from " + from);
        JdbcAuditExport unrecorded = new JdbcAuditExport(db.dataSource(), new ExportRecorder(null) {
            @Override
            public void record(Actor exporter, String file, Instant from, Instant before) {
                throw new IllegalStateException("the database refused the log entry");
            }
        });
        StringWriter none = new StringWriter();
        assertThatThrownBy(() -> unrecorded.csv(ADAM, "ai-usage.csv", null, null, none, List.of("day"),
                row -> row.accept(List.of("2026-03-01")))).isInstanceOf(IllegalStateException.class);
        assertThat(none.toString()).isEmpty();
    }

    @Test
    void an_export_the_log_cannot_take_does_not_happen() {
        JdbcAuditExport unrecorded = new JdbcAuditExport(db.dataSource(), new ExportRecorder(null) {
            @Override
            public void record(Actor exporter, String file, Instant from, Instant before) {
                throw new IllegalStateException("the database refused the log entry");
            }
        });
        StringWriter csv = new StringWriter();

        assertThatThrownBy(() -> unrecorded.usersCsv(ADAM, csv)).isInstanceOf(IllegalStateException.class);
        assertThat(csv.toString()).isEmpty();
    }
}
