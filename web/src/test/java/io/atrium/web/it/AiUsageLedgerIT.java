package io.atrium.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.atrium.standins.entra.DemoAccount;
import io.atrium.standins.openai.AzureOpenAiStandIn;

/**
 * The ai module's usage ledger inside Payara: a chat message through the page is recorded in PostgreSQL after the
 * call (container transaction, EclipseLink, the ai unit's Instant converter), answered or refused.
 */
@AtriumIT
class AiUsageLedgerIT extends AtriumDeployment {

    @Test
    void an_answered_chat_message_is_recorded_with_its_tokens_and_a_real_timestamp() {
        String oid = DemoAccount.ADAM.oid();
        long before = Database.count("SELECT count(*) FROM ai_usage WHERE object_id = ?", oid);
        ScriptedBrowser browser = new ScriptedBrowser(AtriumStack.peers());
        ScriptedBrowser.Page chat = browser.signIn(atrium().resolve("/chat.xhtml"), "adam");

        send(browser, chat, "Two words");

        assertThat(Database.count("SELECT count(*) FROM ai_usage WHERE object_id = ? AND outcome = 'answered' "
                + "AND finish_reason = 'stop' AND completion_tokens = 3 AND prompt_tokens > 2 AND streamed = false "
                + "AND usage_day = (occurred_at AT TIME ZONE 'UTC')::date "
                + "AND occurred_at > now() - interval '5 minutes'", oid)).isEqualTo(before + 1);
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

    private static ScriptedBrowser.Page send(ScriptedBrowser browser, ScriptedBrowser.Page chat, String message) {
        return browser.submit(chat, "chat", Map.of("chat:message", message), "chat:send");
    }

    private static AzureOpenAiStandIn openAi() {
        return AtriumStack.peers().openAi();
    }
}
