package io.atrium.audit.internal.export;

import java.io.StringWriter;
import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.atrium.audit.internal.AuditDatabase;
import io.atrium.audit.internal.Beans;
import io.atrium.audit.internal.SignIns;
import io.atrium.identity.events.EmployeeSignInFailed;

import static org.assertj.core.api.Assertions.assertThat;

class AuditExportTest {

    private final AuditDatabase db = AuditDatabase.get();
    private final Beans beans = new Beans(null);

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
        new JdbcAuditExport(db.dataSource()).usersCsv(csv);

        String[] lines = csv.toString().split("\r\n");
        assertThat(lines[0]).startsWith("id,tenant_id,object_id,username,display_name,email,status");
        assertThat(lines).hasSize(2);
        assertThat(lines[1]).contains(",\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",").contains(",active,");
    }

    @Test
    void login_events_are_exported_successes_and_failures_alike() throws Exception {
        StringWriter csv = new StringWriter();
        new JdbcAuditExport(db.dataSource()).loginEventsCsv(csv, null, null);

        String text = csv.toString();
        assertThat(text.split("\r\n")).hasSize(3);
        assertThat(text).contains("\"agent, with comma\"").contains(",failure,").contains("AADSTS50105");
    }
}
