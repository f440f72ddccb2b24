package io.atrium.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.atrium.standins.entra.DemoAccount;
import io.atrium.standins.openai.AzureOpenAiStandIn;

/**
 * The ai module's usage ledger inside Payara: a chat message through the page is recorded in PostgreSQL after the
 * call (container transaction, EclipseLink, the ai unit's Instant converter), answered or refused; administrators read
 * it on the usage page and on a user's page, which other employees cannot open.
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
    void an_admin_sees_todays_tokens_as_a_bar_and_the_top_users_on_the_usage_page() {
        ScriptedBrowser adam = new ScriptedBrowser(AtriumStack.peers());
        send(adam, adam.signIn(atrium().resolve("/chat.xhtml"), "adam"), "Count these five words");
        long today = Database.count("SELECT coalesce(sum(prompt_tokens + completion_tokens), 0) FROM ai_usage "
                + "WHERE usage_day = (now() AT TIME ZONE 'UTC')::date");

        ScriptedBrowser.Page usage = adam.get(atrium().resolve("/admin/usage.xhtml?days=7"));

        assertThat(usage.status()).isEqualTo(200);
        org.jsoup.select.Elements days = usage.html().select("#per-day tbody tr");
        assertThat(days).hasSize(7);
        org.jsoup.nodes.Element todaysRow = days.last();
        assertThat(todaysRow.select("th").text()).isEqualTo(java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString());
        assertThat(todaysRow.select(".tokens .value").text()).isEqualTo(Long.toString(today));
        assertThat(todaysRow.select(".bar").attr("style")).isEqualTo("width: 80.0%");
        assertThat(usage.html().select("#per-day caption").text()).startsWith("Tokens per day");
        assertThat(usage.html().select("#top-users a").eachText()).contains(DemoAccount.ADAM.displayName());
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
