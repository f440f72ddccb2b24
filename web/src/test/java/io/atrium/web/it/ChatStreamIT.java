package io.atrium.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import io.atrium.standins.openai.AzureOpenAiStandIn;

/**
 * The chat page's stream inside Payara: the Ajax post (with its view state) saves the message and prepares a reply;
 * {@code /chat/stream} sends it as server-sent events to the same browser session only; a request without a session
 * is refused with 401, not sent to Entra; a post without the page's view state changes nothing.
 */
@AtriumIT
class ChatStreamIT extends AtriumDeployment {

    private static final Pattern REPLY = Pattern.compile("data-reply=\"([^\"]+)\"");
    private static final Pattern CONVERSATION = Pattern.compile("data-conversation=\"([^\"]+)\"");

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
        List<String> deltas = events(stream.body(), "delta");
        assertThat(deltas).hasSizeGreaterThan(3);
        assertThat(String.join("", deltas.stream().map(ChatStreamIT::text).toList()))
                .isEqualTo("Echo: Streamed through Payara please");
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

    private static ScriptedBrowser.Page sendByAjax(ScriptedBrowser browser, ScriptedBrowser.Page chat,
                                                   String message) {
        return browser.post(chat.uri(), ajaxFields(chat, message), Map.of("Faces-Request", "partial/ajax"));
    }

    /** What Faces' Ajax script posts for the Send button. */
    private static Map<String, String> ajaxFields(ScriptedBrowser.Page chat, String message) {
        Element form = chat.html().getElementById("chat");
        Map<String, String> fields = new LinkedHashMap<>();
        form.select("input[type=hidden]").forEach(hidden -> fields.put(hidden.attr("name"), hidden.val()));
        fields.put("chat:message", message);
        fields.put("chat:deployment", AtriumStack.settings().get("azure.openai.deployment"));
        fields.put("jakarta.faces.source", "chat:send");
        fields.put("jakarta.faces.partial.event", "click");
        fields.put("jakarta.faces.partial.execute", "chat:send chat");
        fields.put("jakarta.faces.partial.render", "chat conversations");
        fields.put("jakarta.faces.behavior.event", "action");
        fields.put("jakarta.faces.partial.ajax", "true");
        return fields;
    }

    private static String find(Pattern pattern, String body) {
        Matcher matcher = pattern.matcher(body);
        assertThat(matcher.find()).as(pattern + " in\n" + body).isTrue();
        return matcher.group(1);
    }

    /** The data of each event of this name, in order. */
    private static List<String> events(String body, String name) {
        List<String> data = new ArrayList<>();
        for (String event : body.split("\n\n")) {
            if (event.startsWith("event: " + name + "\n")) {
                data.add(event.substring(event.indexOf("data: ") + 6));
            }
        }
        return data;
    }

    private static String text(String deltaJson) {
        try {
            return (String) JSONObjectUtils.parse(deltaJson).get("text");
        } catch (java.text.ParseException e) {
            throw new AssertionError("not JSON: " + deltaJson, e);
        }
    }

    private static AzureOpenAiStandIn openAi() {
        return AtriumStack.peers().openAi();
    }
}
