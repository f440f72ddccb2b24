package io.atrium.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.jsoup.nodes.Element;

/** What the chat page's script does, at the HTTP level: the Ajax post of the Send button, then the reply's events. */
final class ChatPageCalls {

    static final Pattern REPLY = Pattern.compile("data-reply=\"([^\"]+)\"");
    static final Pattern CONVERSATION = Pattern.compile("data-conversation=\"([^\"]+)\"");

    private ChatPageCalls() {
    }

    static ScriptedBrowser.Page sendByAjax(ScriptedBrowser browser, ScriptedBrowser.Page chat, String message) {
        return browser.post(chat.uri(), ajaxFields(chat, message), Map.of("Faces-Request", "partial/ajax"));
    }

    /** The same, with another model chosen in the page's selector. */
    static ScriptedBrowser.Page sendByAjax(ScriptedBrowser browser, ScriptedBrowser.Page chat, String message,
                                           String deployment) {
        Map<String, String> fields = ajaxFields(chat, message);
        fields.put("chat:deployment", deployment);
        return browser.post(chat.uri(), fields, Map.of("Faces-Request", "partial/ajax"));
    }

    /** Opens the reply the post prepared, as the page's EventSource does, and reads it to its end. */
    static ScriptedBrowser.Page stream(ScriptedBrowser browser, URI atrium, ScriptedBrowser.Page sent) {
        return browser.get(atrium.resolve("/chat/stream?reply=" + find(REPLY, sent.body())),
                Map.of("Accept", "text/event-stream"));
    }

    /** What Faces' Ajax script posts for the Send button. */
    static Map<String, String> ajaxFields(ScriptedBrowser.Page chat, String message) {
        Element form = chat.html().getElementById("chat");
        Map<String, String> fields = new LinkedHashMap<>();
        form.select("input[type=hidden]").forEach(hidden -> fields.put(hidden.attr("name"), hidden.val()));
        fields.put("chat:message", message);
        fields.put("chat:deployment", form.getElementById("chat:deployment").select("option[selected]").val());
        fields.put("jakarta.faces.source", "chat:send");
        fields.put("jakarta.faces.partial.event", "click");
        fields.put("jakarta.faces.partial.execute", "chat:send chat");
        fields.put("jakarta.faces.partial.render", "chat conversations");
        fields.put("jakarta.faces.behavior.event", "action");
        fields.put("jakarta.faces.partial.ajax", "true");
        return fields;
    }

    static String find(Pattern pattern, String body) {
        Matcher matcher = pattern.matcher(body);
        assertThat(matcher.find()).as(pattern + " in\n" + body).isTrue();
        return matcher.group(1);
    }

    /** The data of each event of this name, in order. */
    static List<String> events(String body, String name) {
        List<String> data = new ArrayList<>();
        for (String event : body.split("\n\n")) {
            if (event.startsWith("event: " + name + "\n")) {
                data.add(event.substring(event.indexOf("data: ") + 6));
            }
        }
        return data;
    }

    /** The streamed text: the delta events' pieces joined. */
    static String streamedText(String body) {
        StringBuilder text = new StringBuilder();
        for (String delta : events(body, "delta")) {
            try {
                text.append((String) JSONObjectUtils.parse(delta).get("text"));
            } catch (ParseException e) {
                throw new AssertionError("not JSON: " + delta, e);
            }
        }
        return text.toString();
    }
}
