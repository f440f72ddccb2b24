package io.atrium.web.it;

import static io.atrium.web.it.ChatPageCalls.CONVERSATION;
import static io.atrium.web.it.ChatPageCalls.REPLY;
import static io.atrium.web.it.ChatPageCalls.ajaxFields;
import static io.atrium.web.it.ChatPageCalls.events;
import static io.atrium.web.it.ChatPageCalls.find;
import static io.atrium.web.it.ChatPageCalls.sendByAjax;
import static io.atrium.web.it.ChatPageCalls.streamedText;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.atrium.standins.openai.AzureOpenAiStandIn;

/**
 * The chat page's stream inside Payara: the Ajax post (with its view state) saves the message and prepares a reply;
 * {@code /chat/stream} sends it as server-sent events to the same browser session only; a request without a session
 * is refused with 401, not sent to Entra; a post without the page's view state changes nothing.
 */
@AtriumIT
class ChatStreamIT extends AtriumDeployment {

    @Test
    void the_reply_streams_through_the_session_as_events_and_is_saved_in_the_conversation() {
        ScriptedBrowser browser = new ScriptedBrowser(AtriumStack.peers());
        ScriptedBrowser.Page chat = browser.signIn(atrium().resolve("/chat.xhtml"), "erin");
        int before = openAi().received().size();

        ScriptedBrowser.Page sent = sendByAjax(browser, chat, "Streamed through Payara please");

        assertThat(sent.status()).isEqualTo(200);
        assertThat(sent.body()).contains("<partial-response").contains("Streamed through Payara please");
        assertThat(openAi().received()).as("the post only saves and prepares; the stream calls Azure")
                .hasSize(before);
        String conversation = find(CONVERSATION, sent.body());
        assertThat(Database.count("SELECT count(*) FROM ai_message WHERE conversation_id = ?::uuid AND role = 'user' "
                + "AND content = 'Streamed through Payara please'", conversation)).isEqualTo(1);

        ScriptedBrowser.Page stream = browser.get(atrium().resolve("/chat/stream?reply=" + find(REPLY, sent.body())),
                Map.of("Accept", "text/event-stream"));

        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.header("content-type")).startsWith("text/event-stream");
        assertThat(events(stream.body(), "delta")).hasSizeGreaterThan(3);
        assertThat(streamedText(stream.body())).isEqualTo("Echo: Streamed through Payara please");
        assertThat(events(stream.body(), "done")).singleElement().asString()
                .contains("<p>Echo: Streamed through Payara please</p>").contains("\"stopped\":false");
        assertThat(openAi().received()).hasSize(before + 1);
        assertThat(openAi().received().get(before).body()).contains("\"stream\":true");
        assertThat(Database.count("SELECT count(*) FROM ai_message WHERE conversation_id = ?::uuid AND role = "
                + "'assistant' AND content = 'Echo: Streamed through Payara please'", conversation)).isEqualTo(1);
    }

    @Test
    void a_stream_without_a_session_is_refused_with_401_not_redirected_to_sign_in() {
        ScriptedBrowser browser = new ScriptedBrowser(AtriumStack.peers());

        ScriptedBrowser.Page refused = browser.get(atrium().resolve("/chat/stream?reply=anything"),
                Map.of("Accept", "text/event-stream"));

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.isRedirect()).isFalse();
        assertThat(refused.header("content-type")).doesNotStartWith("text/event-stream");
    }

    @Test
    void a_reply_is_streamed_once_and_only_to_the_employee_who_asked_even_an_admin_gets_404() {
        ScriptedBrowser erin = new ScriptedBrowser(AtriumStack.peers());
        ScriptedBrowser.Page sent = sendByAjax(erin, erin.signIn(atrium().resolve("/chat.xhtml"), "erin"),
                "Private question");
        String reply = find(REPLY, sent.body());
        String conversation = find(CONVERSATION, sent.body());
        ScriptedBrowser adam = new ScriptedBrowser(AtriumStack.peers());
        adam.signIn(atrium().resolve("/chat.xhtml"), "adam");
        int before = openAi().received().size();

        ScriptedBrowser.Page adamsStream = adam.get(atrium().resolve("/chat/stream?reply=" + reply),
                Map.of("Accept", "text/event-stream"));
        ScriptedBrowser.Page adamsView = adam.get(atrium().resolve("/chat.xhtml?c=" + conversation));

        assertThat(adamsStream.status()).isEqualTo(404);
        assertThat(adamsView.status()).isEqualTo(404);
        assertThat(adamsView.body()).doesNotContain("Private question");
        assertThat(openAi().received()).hasSize(before);
        // Adam's try used the id up: nobody can replay it, Erin's page included.
        assertThat(erin.get(atrium().resolve("/chat/stream?reply=" + reply), Map.of("Accept", "text/event-stream"))
                .status()).isEqualTo(404);
        ScriptedBrowser.Page erinsView = erin.get(atrium().resolve("/chat.xhtml?c=" + conversation));
        assertThat(erinsView.status()).isEqualTo(200);
        assertThat(erinsView.html().select(".turn.user .text").eachText()).containsExactly("Private question");
    }

    @Test
    void a_post_without_the_pages_view_state_saves_nothing_and_calls_nobody() {
        ScriptedBrowser browser = new ScriptedBrowser(AtriumStack.peers());
        ScriptedBrowser.Page chat = browser.signIn(atrium().resolve("/chat.xhtml"), "erin");
        long messages = Database.count("SELECT count(*) FROM ai_message WHERE content = 'Forged across sites'");
        int before = openAi().received().size();
        Map<String, String> forged = ajaxFields(chat, "Forged across sites");
        forged.put("jakarta.faces.ViewState", "-1234567890123456789:9876543210987654321");

        ScriptedBrowser.Page withWrongState = browser.post(chat.uri(), forged, Map.of("Faces-Request", "partial/ajax"));
        forged.remove("jakarta.faces.ViewState");
        ScriptedBrowser.Page withoutState = browser.post(chat.uri(), forged);

        assertThat(withWrongState.body()).doesNotContain("Forged across sites");
        assertThat(withoutState.body()).doesNotContain("Forged across sites");
        assertThat(Database.count("SELECT count(*) FROM ai_message WHERE content = 'Forged across sites'"))
                .isEqualTo(messages);
        assertThat(openAi().received()).hasSize(before);
    }

    private static AzureOpenAiStandIn openAi() {
        return AtriumStack.peers().openAi();
    }
}
