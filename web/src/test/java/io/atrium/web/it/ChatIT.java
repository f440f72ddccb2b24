package io.atrium.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.atrium.standins.openai.AzureOpenAiStandIn;
import io.atrium.standins.openai.ReceivedRequest;

/** The chat page: a message goes to Azure OpenAI with Atrium's credential and the reply comes back to the page. */
@AtriumIT
class ChatIT extends AtriumDeployment {

    @Test
    void a_message_reaches_azure_openai_with_the_api_key_and_the_reply_is_shown() {
        ScriptedBrowser browser = new ScriptedBrowser(AtriumStack.peers());
        ScriptedBrowser.Page chat = browser.signIn(atrium().resolve("/chat.xhtml"), "erin");
        int before = openAi().received().size();

        ScriptedBrowser.Page answered = send(browser, chat, "How many vacation days do I have left?");

        assertThat(answered.status()).isEqualTo(200);
        assertThat(answered.html().select(".turn.user .text").eachText())
                .containsExactly("How many vacation days do I have left?");
        assertThat(answered.html().select(".turn.assistant .text").eachText())
                .containsExactly("Echo: How many vacation days do I have left?");
        List<ReceivedRequest> received = openAi().received();
        assertThat(received).hasSize(before + 1);
        ReceivedRequest request = received.get(received.size() - 1);
        assertThat(request.hasApiKey()).isTrue();
        assertThat(request.header("authorization")).isEmpty();
        assertThat(request.deployment()).contains(AtriumStack.settings().get("azure.openai.deployment"));
        assertThat(request.apiVersion()).contains("2024-10-21");
    }

    @Test
    void the_conversation_continues_with_earlier_turns_sent_along() {
        ScriptedBrowser browser = new ScriptedBrowser(AtriumStack.peers());
        ScriptedBrowser.Page chat = browser.signIn(atrium().resolve("/chat.xhtml"), "erin");

        ScriptedBrowser.Page second = send(browser, send(browser, chat, "First question"), "Second question");

        assertThat(second.html().select(".turn .text").eachText()).containsExactly(
                "First question", "Echo: First question", "Second question", "Echo: Second question");
        ReceivedRequest request = openAi().received().get(openAi().received().size() - 1);
        assertThat(request.body()).contains("First question").contains("Echo: First question").contains("Second question");
    }

    @Test
    void a_refused_api_key_is_explained_in_plain_words_and_the_message_is_kept_in_the_conversation() {
        ScriptedBrowser browser = new ScriptedBrowser(AtriumStack.peers());
        ScriptedBrowser.Page chat = browser.signIn(atrium().resolve("/chat.xhtml"), "erin");
        String atriumsKey = openAi().apiKey();
        openAi().rotateApiKey("a-key-atrium-does-not-have");
        try {
            ScriptedBrowser.Page refused = send(browser, chat, "Summarise the credit policy");

            assertThat(refused.status()).isEqualTo(200);
            assertThat(refused.html().select(".messages .error").text())
                    .contains("Azure OpenAI").contains("administrator");
            // The message is not lost: it is saved in the conversation before Azure OpenAI is asked.
            assertThat(refused.html().select(".turn.user .text").eachText())
                    .containsExactly("Summarise the credit policy");
            assertThat(refused.html().select(".turn.assistant")).isEmpty();
            assertThat(refused.html().select(".messages").text()).doesNotContain("401");
            // The page's text, not its scripts: PrimeFaces' settings name ViewExpiredException's error page.
            assertThat(refused.html().text()).doesNotContain("Exception");
            assertThat(refused.body()).doesNotContain("at io.atrium").doesNotContain(atriumsKey)
                    .doesNotContain("Access denied due to invalid subscription key");
        } finally {
            openAi().rotateApiKey(atriumsKey);
        }
    }

    @Test
    void an_empty_message_is_refused_with_a_clear_message_and_nothing_is_sent() {
        ScriptedBrowser browser = new ScriptedBrowser(AtriumStack.peers());
        ScriptedBrowser.Page chat = browser.signIn(atrium().resolve("/chat.xhtml"), "erin");
        int before = openAi().received().size();

        ScriptedBrowser.Page refused = send(browser, chat, "");

        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.html().select(".messages .error").text()).isEqualTo("Type a message before sending.");
        assertThat(openAi().received()).hasSize(before);
    }

    @Test
    void a_conversation_is_exported_as_markdown_for_its_owner_and_for_nobody_else() {
        ScriptedBrowser erins = new ScriptedBrowser(AtriumStack.peers());
        ScriptedBrowser.Page chat = erins.signIn(atrium().resolve("/chat.xhtml"), "erin");
        ScriptedBrowser.Page answered = send(erins, chat, "Which **forms** do I need for\n## parental leave?");
        String export = answered.html().getElementById("export").attr("href");

        ScriptedBrowser.Page markdown = erins.get(atrium().resolve(export));

        assertThat(markdown.status()).isEqualTo(200);
        assertThat(markdown.header("Content-Type")).startsWith("text/markdown").containsIgnoringCase("charset=UTF-8");
        assertThat(markdown.header("Content-Disposition")).startsWith("attachment;")
                .contains("filename*=UTF-8''which-forms-do-i-need-for.md");
        assertThat(markdown.header("Cache-Control")).isEqualTo("no-store");
        assertThat(markdown.body()).startsWith("# Which **forms** do I need for\n\n_Started ")
                // The employee's words are quoted, so that their "## parental leave?" is not a heading of the file.
                .contains("\n## You\n\n> Which **forms** do I need for\n> ## parental leave?\n")
                .endsWith("\n## Assistant\n\nEcho: Which **forms** do I need for\n## parental leave?\n");

        ScriptedBrowser adams = new ScriptedBrowser(AtriumStack.peers());
        adams.signIn(atrium().resolve("/chat.xhtml"), "adam");
        ScriptedBrowser.Page someoneElses = adams.get(atrium().resolve(export));
        assertThat(someoneElses.status()).isEqualTo(404);
        assertThat(someoneElses.body()).doesNotContain("parental leave");
        assertThat(erins.get(atrium().resolve("/chat/export?c=not-an-id")).status()).isEqualTo(404);
    }

    private static ScriptedBrowser.Page send(ScriptedBrowser browser, ScriptedBrowser.Page chat, String message) {
        return browser.submit(chat, "chat", Map.of("chat:message", message), "chat:send");
    }

    private static AzureOpenAiStandIn openAi() {
        return AtriumStack.peers().openAi();
    }
}
