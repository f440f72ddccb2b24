package io.atrium.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;

import com.nimbusds.jose.util.JSONObjectUtils;

import io.atrium.standins.LocalPeers;
import io.atrium.standins.entra.DemoAccount;
import io.atrium.standins.openai.AzureOpenAiStandIn;

/**
 * The ai module's usage ledger inside Payara: a chat message through the page is recorded in PostgreSQL after the
 * call (container transaction, EclipseLink, JPA's own Instant mapping), answered or refused; administrators read
 * it on the usage page (charts and tables) and on a user's page, which other employees cannot open, download it as
 * CSV, and auditors see the content filter's findings.
 */
@AtriumIT
class AiUsageLedgerIT extends AtriumDeployment {

    @Test
    void an_answered_chat_message_is_recorded_with_its_tokens_and_a_real_timestamp() {
        String oid = DemoAccount.ADAM.oid();
        // Adam chats in other tests of this JVM too: only rows of this shape are counted, before and after.
        String recorded = "SELECT count(*) FROM ai_usage WHERE object_id = ? AND outcome = 'answered' "
                + "AND finish_reason = 'stop' AND completion_tokens = 3 AND prompt_tokens > 2 AND streamed = false "
                + "AND usage_day = (occurred_at AT TIME ZONE 'UTC')::date "
                + "AND occurred_at > now() - interval '5 minutes'";
        long before = Database.count(recorded, oid);
        ScriptedBrowser browser = new ScriptedBrowser(AtriumStack.peers());
        ScriptedBrowser.Page chat = browser.signIn(atrium().resolve("/chat.xhtml"), "adam");

        send(browser, chat, "Two words");

        assertThat(Database.count(recorded, oid)).isEqualTo(before + 1);
        assertThat(Database.count("SELECT count(*) FROM information_schema.columns WHERE table_name = 'ai_usage' "
                + "AND column_name = 'occurred_at' AND data_type = 'timestamp with time zone'")).isEqualTo(1);
    }

    @Test
    void a_refused_call_is_recorded_with_azures_status() {
        String oid = DemoAccount.ADAM.oid();
        long before = Database.count("SELECT count(*) FROM ai_usage WHERE object_id = ? AND outcome = "
                + "'unauthorized' AND upstream_status = 401", oid);
        ScriptedBrowser browser = new ScriptedBrowser(AtriumStack.peers());
        ScriptedBrowser.Page chat = browser.signIn(atrium().resolve("/chat.xhtml"), "adam");
        String atriumsKey = openAi().apiKey();
        openAi().rotateApiKey("a-key-atrium-does-not-have");
        try {
            send(browser, chat, "Anything");
        } finally {
            openAi().rotateApiKey(atriumsKey);
        }

        assertThat(Database.count("SELECT count(*) FROM ai_usage WHERE object_id = ? AND outcome = 'unauthorized' "
                + "AND upstream_status = 401", oid)).isEqualTo(before + 1);
    }

    @Test
    void an_admin_sees_todays_tokens_refusals_and_filtered_calls_and_the_top_users_on_the_usage_page()
            throws java.text.ParseException {
        ScriptedBrowser adam = new ScriptedBrowser(AtriumStack.peers());
        send(adam, adam.signIn(atrium().resolve("/chat.xhtml"), "adam"), "Count these five words");
        String day = "(now() AT TIME ZONE 'UTC')::date";
        long today = Database.count("SELECT coalesce(sum(prompt_tokens + completion_tokens), 0) FROM ai_usage "
                + "WHERE usage_day = " + day);
        long refused = Database.count("SELECT count(*) FROM ai_usage WHERE outcome = 'quota_exhausted' "
                + "AND usage_day = " + day);
        long filtered = Database.count("SELECT count(*) FROM ai_usage WHERE outcome = 'content_filtered' "
                + "AND usage_day = " + day);

        ScriptedBrowser.Page usage = adam.get(atrium().resolve("/admin/usage.xhtml?days=7"));

        assertThat(usage.status()).isEqualTo(200);
        Elements days = usage.html().select("#per-day tbody tr");
        assertThat(days).hasSize(7);
        Element todaysRow = days.last();
        assertThat(todaysRow.select("th").text()).isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
        assertThat(todaysRow.select(".tokens").text()).isEqualTo(Long.toString(today));
        assertThat(todaysRow.select(".refused").text()).isEqualTo(Long.toString(refused));
        assertThat(todaysRow.select(".filtered").text()).isEqualTo(Long.toString(filtered));
        // The charts' figures, as the page's script hands them to Chart.js: today is the last day of each series.
        Map<String, Object> tokens = JSONObjectUtils.parse(usage.html().getElementById("tokens-chart")
                .attr("data-chart"));
        assertThat(JSONObjectUtils.getStringList(tokens, "labels")).hasSize(7).last()
                .isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
        long charted = 0;
        for (Map<String, Object> series : JSONObjectUtils.getJSONObjectArray(tokens, "series")) {
            List<?> data = (List<?>) series.get("data");
            charted += ((Number) data.get(data.size() - 1)).longValue();
        }
        assertThat(charted).as("today's tokens, summed over the deployments").isEqualTo(today);
        assertThat(usage.html().getElementById("refusals-chart").attr("data-chart"))
                .contains("Refused: quota used up", "Stopped by the content filter");
        assertThat(usage.html().select("#per-day caption").text()).startsWith("Tokens per day");
        assertThat(usage.html().select("#top-users a").eachText()).contains(DemoAccount.ADAM.displayName());
        assertThat(usage.html().getElementById("top-users-chart").attr("data-chart"))
                .contains(DemoAccount.ADAM.displayName());
    }

    @Test
    void the_usage_csv_sums_each_day_caller_deployment_and_outcome_and_the_download_is_an_admin_action() {
        ScriptedBrowser adam = new ScriptedBrowser(AtriumStack.peers());
        send(adam, adam.signIn(atrium().resolve("/chat.xhtml"), "adam"), "A call for the usage export");
        String oid = DemoAccount.ADAM.oid();
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        long calls = Database.count("SELECT count(*) FROM ai_usage WHERE object_id = ? AND outcome = 'answered' "
                + "AND deployment = ? AND usage_day = (now() AT TIME ZONE 'UTC')::date", oid,
                LocalPeers.OPENAI_DEPLOYMENT);
        long exportsBefore = Database.count("SELECT count(*) FROM admin_action WHERE action = 'export-csv' "
                + "AND target = 'usage.csv'");
        String link = adam.get(atrium().resolve("/admin/usage.xhtml")).html().getElementById("usage-csv").attr("href");

        ScriptedBrowser.Page csv = adam.get(atrium().resolve(link));

        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).isEqualTo("day,tenant_id,object_id,deployment,outcome,calls,prompt_tokens,"
                + "completion_tokens");
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith(today + ","
                + AtriumStack.peers().entra().tenantId() + "," + oid + "," + LocalPeers.OPENAI_DEPLOYMENT
                + ",answered," + calls + ","));
        assertThat(Database.count("SELECT count(*) FROM admin_action WHERE action = 'export-csv' "
                + "AND target = 'usage.csv' AND actor LIKE '%adam%'")).isEqualTo(exportsBefore + 1);
        assertThat(adam.get(atrium().resolve("/admin/export/usage.csv?from=2026-01-01&to=2027-06-30")).status())
                .as("more than a year").isEqualTo(400);
    }

    @Test
    void content_filter_findings_are_for_auditors_not_for_every_admin() {
        String erinId = Database.text("SELECT id FROM app_user WHERE object_id = ?", DemoAccount.ERIN.oid());
        if (erinId == null) {
            new ScriptedBrowser(AtriumStack.peers()).signIn(atrium(), "erin");
            erinId = Database.text("SELECT id FROM app_user WHERE object_id = ?", DemoAccount.ERIN.oid());
        }
        String marker = "gpt-findings-" + System.nanoTime();
        Database.execute("INSERT INTO ai_usage (tenant_id, object_id, deployment, occurred_at, usage_day, streamed, "
                + "outcome, prompt_tokens, completion_tokens, latency_ms, filter_findings) VALUES (?, ?, ?, now(), "
                + "(now() AT TIME ZONE 'UTC')::date, true, 'content_filtered', 12, 0, 40, "
                + "'prompt: violence=filtered:high, jailbreak=detected; completion: -')",
                AtriumStack.peers().entra().tenantId(), DemoAccount.ADAM.oid(), marker);
        ScriptedBrowser adam = new ScriptedBrowser(AtriumStack.peers());
        adam.signIn(atrium(), "adam");
        assertThat(adam.get(atrium().resolve("/audit/findings.xhtml")).status()).as("an admin, not an auditor")
                .isEqualTo(403);
        assertThat(adam.get(atrium().resolve("/admin/usage.xhtml")).html().getElementById("findings")).isNull();

        ScriptedBrowser.Page userPage = adam.get(atrium().resolve("/admin/user.xhtml?id=" + erinId));
        ScriptedBrowser.Page granted = adam.submit(userPage, "manage",
                Map.of("manage:role", "auditor", "manage:reason", "content-filter review"), "manage:grant");
        try {
            ScriptedBrowser erin = new ScriptedBrowser(AtriumStack.peers());
            erin.signIn(atrium(), "erin");

            ScriptedBrowser.Page findings = erin.get(atrium().resolve("/audit/findings.xhtml?days=7"));

            assertThat(findings.status()).isEqualTo(200);
            Element row = findings.html().select("#findings tbody tr:has(td:containsOwn(" + marker + "))").first();
            assertThat(row).as("the finding, with who and what").isNotNull();
            assertThat(row.select("td").eachText()).containsSubsequence(DemoAccount.ADAM.displayName(), marker,
                    "content filtered", "message: violence blocked (high), jailbreak detected");
        } finally {
            Element revoke = granted.html()
                    .select("#manage\\:roles tr:has(td:containsOwn(auditor)) input[type=submit]").first();
            adam.submit(granted, "manage", Map.of("manage:reason", "review done"), revoke.id());
            Database.execute("DELETE FROM ai_usage WHERE deployment = ?", marker);
        }
    }

    @Test
    void an_employee_gets_403_from_the_usage_page() {
        ScriptedBrowser erin = new ScriptedBrowser(AtriumStack.peers());
        erin.signIn(atrium().resolve("/chat.xhtml"), "erin");

        ScriptedBrowser.Page refused = erin.get(atrium().resolve("/admin/usage.xhtml"));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).doesNotContain("Tokens per day");
    }

    @Test
    void the_admin_user_page_shows_the_users_calls_and_tokens_per_day() {
        ScriptedBrowser erin = new ScriptedBrowser(AtriumStack.peers());
        send(erin, erin.signIn(atrium().resolve("/chat.xhtml"), "erin"), "Usage for the user page");
        String oid = DemoAccount.ERIN.oid();
        long calls = Database.count("SELECT count(*) FROM ai_usage WHERE object_id = ? AND usage_day = "
                + "(now() AT TIME ZONE 'UTC')::date", oid);
        String userId = Database.text("SELECT id FROM app_user WHERE object_id = ?", oid);
        ScriptedBrowser adam = new ScriptedBrowser(AtriumStack.peers());
        adam.signIn(atrium().resolve("/"), "adam");

        ScriptedBrowser.Page page = adam.get(atrium().resolve("/admin/user.xhtml?id=" + userId));

        assertThat(page.status()).isEqualTo(200);
        org.jsoup.nodes.Element today = page.html().select("table[id$=ai-usage] tbody tr").first();
        assertThat(today).isNotNull();
        assertThat(today.select("td").eachText().subList(0, 2)).containsExactly(
                java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString(), Long.toString(calls));
    }

    private static ScriptedBrowser.Page send(ScriptedBrowser browser, ScriptedBrowser.Page chat, String message) {
        return browser.submit(chat, "chat", Map.of("chat:message", message), "chat:send");
    }

    private static AzureOpenAiStandIn openAi() {
        return AtriumStack.peers().openAi();
    }
}
