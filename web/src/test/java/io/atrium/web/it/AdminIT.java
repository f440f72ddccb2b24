package io.atrium.web.it;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.atrium.standins.entra.DemoAccount;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Administration as an administrator and an employee meet it: the admin pages and /api/v1/admin/* are refused to
 * employees, an admin's grant shows on the employee's next page, a disabled employee's next request is refused, and
 * a forged form post changes nothing.
 */
@AtriumIT
class AdminIT extends AtriumDeployment {

    private String erinId;

    @BeforeEach
    void erinHasSignedIn() {
        new ScriptedBrowser(AtriumStack.peers()).signIn(atrium(), "erin");
        erinId = Database.text("SELECT CAST(id AS text) FROM app_user WHERE object_id = ?", DemoAccount.ERIN.oid());
        Database.execute("UPDATE app_user SET status = 'active' WHERE object_id = ?", DemoAccount.ERIN.oid());
    }

    @Test
    void an_employee_gets_403_from_every_admin_page_and_endpoint() {
        ScriptedBrowser erin = new ScriptedBrowser(AtriumStack.peers());
        erin.signIn(atrium(), "erin");
        for (String page : List.of("/admin/users.xhtml", "/admin/user.xhtml?id=" + erinId, "/admin/actions.xhtml",
                "/admin/export/users.csv", "/admin/export/login-events.csv", "/admin/export/admin-actions.csv")) {
            assertThat(erin.get(atrium().resolve(page)).status()).as(page).isEqualTo(403);
        }
        String token = ApiCalls.tokenOf(DemoAccount.ERIN);
        String user = "/api/v1/admin/users/" + erinId;
        for (String[] call : new String[][]{{"GET", "/api/v1/admin/users"}, {"GET", user},
                {"POST", user + "/roles"}, {"DELETE", user + "/roles/auditor?reason=x"}, {"POST", user + "/disable"},
                {"POST", user + "/enable"}, {"GET", "/api/v1/admin/actions"},
                {"GET", "/api/v1/admin/actions/verification"}, {"GET", "/api/v1/admin/export/users.csv"},
                {"GET", "/api/v1/admin/export/login-events.csv"}, {"GET", "/api/v1/admin/export/admin-actions.csv"}}) {
            assertThat(call(call[0], call[1], token, "{\"role\":\"admin\",\"reason\":\"me\"}").statusCode())
                    .as(call[0] + " " + call[1]).isEqualTo(403);
        }
        assertThat(Database.count("SELECT count(*) FROM role_grant WHERE source = 'local' AND role = 'admin' "
                + "AND user_id = CAST(? AS uuid)", erinId)).isZero();
    }

    @Test
    void an_admin_grants_a_role_on_the_users_page_and_the_employee_sees_it_on_the_next_page() {
        ScriptedBrowser erin = new ScriptedBrowser(AtriumStack.peers());
        assertThat(roles(erin.signIn(atrium(), "erin"))).doesNotContain("auditor");
        ScriptedBrowser adam = new ScriptedBrowser(AtriumStack.peers());
        adam.signIn(atrium(), "adam");

        ScriptedBrowser.Page list = adam.get(atrium().resolve("/admin/users.xhtml"));
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.html().select("a.user-link").eachText()).contains("Erin Employee");

        ScriptedBrowser.Page userPage = adam.get(atrium().resolve("/admin/user.xhtml?id=" + erinId));
        ScriptedBrowser.Page granted = adam.submit(userPage, "manage",
                Map.of("manage:role", "auditor", "manage:reason", "quarterly audit"), "manage:grant");
        assertThat(granted.html().select(".messages").text()).contains("Role auditor granted.");

        assertThat(roles(erin.get(atrium()))).contains("auditor");

        Element revoke = granted.html().select("#manage\\:roles tr:has(td:containsOwn(auditor)) input[type=submit]")
                .first();
        assertThat(revoke).as("a revoke button for the local grant").isNotNull();
        ScriptedBrowser.Page revoked = adam.submit(granted, "manage", Map.of("manage:reason", "audit done"),
                revoke.id());
        assertThat(revoked.html().select(".messages").text()).contains("Role auditor revoked.");
        assertThat(roles(erin.get(atrium()))).doesNotContain("auditor");
        assertThat(Database.count("SELECT count(*) FROM admin_action WHERE action IN ('grant-role', 'revoke-role') "
                + "AND target_user_id = CAST(? AS uuid) AND actor LIKE '%adam%'", erinId)).isGreaterThanOrEqualTo(2);
    }

    @Test
    void an_admin_disables_a_signed_in_employee_whose_next_request_is_refused_and_whose_session_ends() {
        ScriptedBrowser erin = new ScriptedBrowser(AtriumStack.peers());
        erin.signIn(atrium(), "erin");
        ScriptedBrowser adam = new ScriptedBrowser(AtriumStack.peers());
        adam.signIn(atrium(), "adam");
        ScriptedBrowser.Page userPage = adam.get(atrium().resolve("/admin/user.xhtml?id=" + erinId));

        ScriptedBrowser.Page disabled = adam.submit(userPage, "manage", Map.of("manage:reason", "left the bank"),
                "manage:disable");
        assertThat(disabled.html().select("#status").text()).startsWith("disabled — left the bank");

        ScriptedBrowser.Page refused = erin.get(atrium());
        assertThat(refused.status()).isIn(302, 403);
        assertThat(erin.get(atrium().resolve("/chat.xhtml")).status()).as("the session is gone").isEqualTo(302);
        ScriptedBrowser.Page signInAgain = new ScriptedBrowser(AtriumStack.peers()).signIn(atrium(), "erin");
        assertThat(signInAgain.status()).isEqualTo(403);
        assertThat(signInAgain.html().select("h1").text()).isEqualTo("Your Atrium account is disabled");

        ScriptedBrowser.Page enabled = adam.submit(disabled, "manage", Map.of("manage:reason", "came back"),
                "manage:enable");
        assertThat(enabled.html().select("#status").text()).isEqualTo("active");
        assertThat(new ScriptedBrowser(AtriumStack.peers()).signIn(atrium(), "erin").status()).isEqualTo(200);
    }

    @Test
    void the_last_active_administrator_cannot_disable_himself_on_his_page() {
        ScriptedBrowser adam = new ScriptedBrowser(AtriumStack.peers());
        adam.signIn(atrium(), "adam");
        String adamsId = Database.text("SELECT CAST(id AS text) FROM app_user WHERE object_id = ?",
                DemoAccount.ADAM.oid());
        // Other tests may have made administrators: for this one, Adam is the only active one.
        String otherAdmins = "SELECT u.id FROM app_user u JOIN role_grant g ON g.user_id = u.id WHERE g.role = 'admin'"
                + " AND g.revoked_at IS NULL AND u.status = 'active' AND u.id <> CAST(? AS uuid)";
        List<String> benched = Database.texts(otherAdmins, adamsId);
        benched.forEach(id -> Database.execute("UPDATE app_user SET status = 'disabled' WHERE id = CAST(? AS uuid)", id));
        try {
            ScriptedBrowser.Page ownPage = adam.get(atrium().resolve("/admin/user.xhtml?id=" + adamsId));
            ScriptedBrowser.Page refused = adam.submit(ownPage, "manage", Map.of("manage:reason", "leaving"),
                    "manage:disable");

            assertThat(refused.status()).isEqualTo(200);
            assertThat(refused.html().select(".messages").text()).contains("is the last active administrator");
            assertThat(refused.html().select("#status").text()).isEqualTo("active");
            assertThat(Database.text("SELECT status FROM app_user WHERE id = CAST(? AS uuid)", adamsId))
                    .isEqualTo("active");
            assertThat(adam.get(atrium().resolve("/admin/users.xhtml")).status()).as("still an administrator")
                    .isEqualTo(200);
        } finally {
            benched.forEach(id -> Database.execute("UPDATE app_user SET status = 'active' WHERE id = CAST(? AS uuid)",
                    id));
        }
    }

    @Test
    void a_forged_admin_form_post_without_the_pages_view_state_changes_nothing() {
        ScriptedBrowser adam = new ScriptedBrowser(AtriumStack.peers());
        adam.signIn(atrium(), "adam");

        ScriptedBrowser.Page forged = adam.post(atrium().resolve("/admin/user.xhtml?id=" + erinId), Map.of(
                "manage", "manage", "manage:reason", "forged", "manage:disable", "Disable user",
                "jakarta.faces.ViewState", "-1234567890:987654321"));

        assertThat(forged.status()).as("sent back to the page, not an error").isEqualTo(302);
        ScriptedBrowser.Page backAtThePage = adam.follow(forged);
        assertThat(backAtThePage.status()).isEqualTo(200);
        assertThat(backAtThePage.html().select(".messages").text()).contains("This page had expired, so nothing was done");
        assertThat(Database.text("SELECT status FROM app_user WHERE id = CAST(? AS uuid)", erinId)).isEqualTo("active");
    }

    @Test
    void the_admin_api_filters_users_changes_them_with_reasons_exports_csv_and_verifies_the_log() {
        String token = ApiCalls.tokenOf(DemoAccount.ADAM);

        HttpResponse<String> found = call("GET", "/api/v1/admin/users?name=erin&status=active&sort=last_sign_in", token,
                null);
        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(found.body()).contains(DemoAccount.ERIN.oid());
        assertThat(found.headers().firstValue("X-Total-Count")).hasValue("1");

        HttpResponse<String> noReason = call("POST", "/api/v1/admin/users/" + erinId + "/disable", token, "{}");
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(noReason.body()).contains("Give a reason");
        assertThat(call("GET", "/api/v1/admin/users?signedInFrom=yesterday", token, null).statusCode()).isEqualTo(400);
        assertThat(call("GET", "/api/v1/admin/users/not-a-user", token, null).statusCode()).isEqualTo(404);
        HttpResponse<String> noRole = call("POST", "/api/v1/admin/users/" + erinId + "/roles", token,
                "{\"reason\":\"API test\"}");
        assertThat(noRole.statusCode()).isEqualTo(400);
        assertThat(noRole.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(noRole.body()).contains("Name the role to grant.");
        HttpResponse<String> tooMany = call("GET", "/api/v1/admin/actions?limit=500&offset=-1", token, null);
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(tooMany.body()).contains("limit must be between 1 and 200", "offset must not be negative");
        HttpResponse<String> unknownUser = call("GET", "/api/v1/admin/users/" + UUID.randomUUID(), token,
                null);
        assertThat(unknownUser.statusCode()).isEqualTo(404);
        assertThat(unknownUser.body()).contains("\"title\":\"Not Found\"", "\"status\":404");

        HttpResponse<String> granted = call("POST", "/api/v1/admin/users/" + erinId + "/roles", token,
                "{\"role\":\"reports\",\"reason\":\"API test\",\"expiresAt\":\"2099-01-01T00:00:00Z\"}");
        assertThat(granted.statusCode()).isEqualTo(200);
        assertThat(call("GET", "/api/v1/admin/users/" + erinId, token, null).body()).contains("\"role\":\"reports\"");
        assertThat(call("DELETE", "/api/v1/admin/users/" + erinId + "/roles/reports?reason=done", token, null)
                .statusCode()).isEqualTo(204);

        HttpResponse<String> csv = call("GET", "/api/v1/admin/export/users.csv", token, null);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("text/csv"));
        assertThat(csv.body()).startsWith("id,tenant_id,object_id").contains(DemoAccount.ERIN.oid());

        HttpResponse<String> verification = call("GET", "/api/v1/admin/actions/verification", token, null);
        assertThat(verification.body()).contains("\"entriesChecked\"").doesNotContain("\"firstBrokenSeq\":");
        assertThat(call("GET", "/api/v1/admin/actions?action=grant-role", token, null).body()).contains("API test");
        assertThat(call("GET", "/api/v1/admin/actions?action=revoke-role", token, null).body()).contains("\"done\"");
    }

    @Test
    void every_export_is_recorded_as_an_admin_action_and_the_log_itself_exports_as_csv() {
        String token = ApiCalls.tokenOf(DemoAccount.ADAM);
        ScriptedBrowser adam = new ScriptedBrowser(AtriumStack.peers());
        ScriptedBrowser.Page actionsPage = adam.signIn(atrium().resolve("/admin/actions.xhtml"), "adam");
        long exportsBefore = Database.count("SELECT count(*) FROM admin_action WHERE action = 'export-csv'");

        assertThat(call("GET", "/api/v1/admin/export/login-events.csv?from=2026-01-01T00:00:00Z", token, null)
                .statusCode()).isEqualTo(200);
        ScriptedBrowser.Page users = adam.get(atrium().resolve("/admin/export/users.csv"));
        ScriptedBrowser.Page log = adam.get(actionsPage.uri().resolve(actionsPage.html()
                .getElementById("export-actions").attr("href")));

        assertThat(users.status()).isEqualTo(200);
        assertThat(log.status()).isEqualTo(200);
        assertThat(log.header("Content-Disposition")).isEqualTo("attachment; filename=\"atrium-admin-actions.csv\"");
        String[] lines = log.body().split("\r\n");
        assertThat(lines[0]).isEqualTo("seq,occurred_at,actor,action,target_user_id,target,before_state,after_state,"
                + "reason,hash");
        String adamAsActor = DemoAccount.ADAM.upn() + " (" + AtriumStack.settings().get("azure.tenant-id") + "/"
                + DemoAccount.ADAM.oid() + ")";
        assertThat(lines[lines.length - 3]).contains(adamAsActor + ",export-csv,,login-events.csv,,rows from "
                + "2026-01-01T00:00:00Z,,");
        assertThat(lines[lines.length - 2]).contains(adamAsActor + ",export-csv,,users.csv,,all rows,,");
        assertThat(lines[lines.length - 1]).as("the export of the log is in it")
                .contains(adamAsActor + ",export-csv,,admin-actions.csv,,all rows,,");
        assertThat(Database.count("SELECT count(*) FROM admin_action WHERE action = 'export-csv'"))
                .isEqualTo(exportsBefore + 3);
        assertThat(call("GET", "/api/v1/admin/export/admin-actions.csv?from=yesterday", token, null).statusCode())
                .isEqualTo(400);
        assertThat(Database.count("SELECT count(*) FROM admin_action WHERE action = 'export-csv'"))
                .as("a refused export is not one").isEqualTo(exportsBefore + 3);
    }

    @Test
    void an_admins_change_reaches_the_employees_api_calls_at_once() {
        String adams = ApiCalls.tokenOf(DemoAccount.ADAM);
        String erins = ApiCalls.tokenOf(DemoAccount.ERIN);
        String erin = "/api/v1/admin/users/" + erinId;
        assertThat(call("GET", "/api/v1/me", erins, null).body()).doesNotContain("\"reports\"");

        // Atrium reuses its answer for a token for a while; an administrator's change must not wait for that.
        assertThat(call("POST", erin + "/roles", adams, "{\"role\":\"reports\",\"reason\":\"month end\"}")
                .statusCode()).isEqualTo(200);
        assertThat(call("GET", "/api/v1/me", erins, null).body()).contains("\"reports\"");
        assertThat(call("DELETE", erin + "/roles/reports?reason=done", adams, null).statusCode()).isEqualTo(204);
        assertThat(call("GET", "/api/v1/me", erins, null).body()).doesNotContain("\"reports\"");

        assertThat(call("POST", erin + "/disable", adams, "{\"reason\":\"left the bank\"}").statusCode())
                .isEqualTo(204);
        HttpResponse<String> refused = call("GET", "/api/v1/me", erins, null);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("disabled");
        assertThat(call("POST", erin + "/enable", adams, "{\"reason\":\"came back\"}").statusCode()).isEqualTo(204);
        assertThat(call("GET", "/api/v1/me", erins, null).statusCode()).isEqualTo(200);
    }

    private static List<String> roles(ScriptedBrowser.Page home) {
        return home.html().select("span.role").eachText();
    }

    private HttpResponse<String> call(String method, String path, String token, String json) {
        return ApiCalls.call(method, atrium().resolve(URI.create(path)), token, json);
    }
}
