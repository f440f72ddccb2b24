package io.atrium.standins.openai;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The stand-in's answer to one chat request, deterministic so that tests can assert on it: the content is
 * {@code "Echo: "} followed by the last user message, and token counts are word counts (prompt: the words of all
 * messages; completion: the words of the answer). Shapes follow the recordings ChatCompletionContentFilter (whole
 * answer) and ChatCompletionStreaming (chunks).
 */
final class EchoCompletion {

    private static final String SYSTEM_FINGERPRINT = "fp_a7d1c5e0b2";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Pattern WORD_WITH_LEADING_SPACE = Pattern.compile("\\s*\\S+");

    private final String id;
    private final long created;
    private final String model;
    private final String content;
    private final int promptTokens;
    private final int completionTokens;

    EchoCompletion(String id, long created, String model, JsonNode messages) {
        this.id = id;
        this.created = created;
        this.model = model;
        this.content = "Echo: " + lastUserMessage(messages);
        int words = 0;
        for (JsonNode message : messages) {
            words += countWords(text(message.path("content")));
        }
        this.promptTokens = words;
        this.completionTokens = countWords(content);
    }

    /** The body of a non-streaming answer ({@code object: chat.completion}). */
    ObjectNode completion() {
        ObjectNode completion = envelope("chat.completion");
        ObjectNode choice = completion.putArray("choices").addObject();
        choice.set("content_filter_results", ContentFilterResults.forAnswer());
        choice.put("finish_reason", "stop").put("index", 0).putNull("logprobs");
        choice.putObject("message").put("content", content).put("role", "assistant");
        completion.set("prompt_filter_results", ContentFilterResults.forPrompt());
        completion.put("system_fingerprint", SYSTEM_FINGERPRINT);
        completion.set("usage", usage());
        return completion;
    }

    /**
     * The events of a streamed answer, in Azure's order: the prompt's filter results in a chunk without id or model,
     * the assistant role, the content word by word, the stop, and the usage when the client asked for it. The final
     * {@code [DONE]} is not JSON and is the caller's to send.
     */
    List<ObjectNode> chunks(boolean includeUsage) {
        List<ObjectNode> chunks = new ArrayList<>();
        ObjectNode promptFilters = JSON.objectNode();
        promptFilters.putArray("choices");
        promptFilters.put("created", 0).put("id", "").put("model", "").put("object", "");
        promptFilters.set("prompt_filter_results", ContentFilterResults.forPrompt());
        chunks.add(promptFilters);

        ObjectNode role = JSON.objectNode().put("content", "").put("role", "assistant");
        chunks.add(chunk(JSON.objectNode(), role, null, includeUsage));
        for (String piece : pieces(content)) {
            chunks.add(chunk(ContentFilterResults.forStreamedPiece(), JSON.objectNode().put("content", piece), null,
                    includeUsage));
        }
        chunks.add(chunk(JSON.objectNode(), JSON.objectNode(), "stop", includeUsage));

        if (includeUsage) {
            ObjectNode usage = envelope("chat.completion.chunk");
            usage.putArray("choices");
            usage.put("system_fingerprint", SYSTEM_FINGERPRINT);
            usage.set("usage", usage());
            chunks.add(usage);
        }
        return chunks;
    }

    private ObjectNode chunk(ObjectNode filters, ObjectNode delta, String finishReason, boolean includeUsage) {
        ObjectNode chunk = envelope("chat.completion.chunk");
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.set("content_filter_results", filters);
        choice.set("delta", delta);
        choice.put("finish_reason", finishReason).put("index", 0).putNull("logprobs");
        chunk.put("system_fingerprint", SYSTEM_FINGERPRINT);
        if (includeUsage) {
            // With include_usage Azure marks every chunk before the last with "usage": null.
            chunk.putNull("usage");
        }
        return chunk;
    }

    private ObjectNode envelope(String object) {
        return JSON.objectNode().put("created", created).put("id", id).put("model", model).put("object", object);
    }

    private ObjectNode usage() {
        return JSON.objectNode()
                .put("completion_tokens", completionTokens)
                .put("prompt_tokens", promptTokens)
                .put("total_tokens", promptTokens + completionTokens);
    }

    /** Splits text into words, each with the spaces before it, so that the pieces concatenate back to the text. */
    private static List<String> pieces(String text) {
        List<String> pieces = new ArrayList<>();
        Matcher word = WORD_WITH_LEADING_SPACE.matcher(text);
        int end = 0;
        while (word.find()) {
            pieces.add(word.group());
            end = word.end();
        }
        String trailing = text.substring(end);
        if (!trailing.isEmpty()) {
            if (pieces.isEmpty()) {
                pieces.add(trailing);
            } else {
                pieces.set(pieces.size() - 1, pieces.get(pieces.size() - 1) + trailing);
            }
        }
        return pieces;
    }

    private static String lastUserMessage(JsonNode messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            JsonNode message = messages.get(i);
            if ("user".equals(message.path("role").asText())) {
                return text(message.path("content"));
            }
        }
        return "";
    }

    /** A message's text: content is a string, or (API 2024-02-01 on) an array of parts of which text parts count. */
    private static String text(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            if ("text".equals(part.path("type").asText())) {
                text.append(part.path("text").asText());
            }
        }
        return text.toString();
    }

    private static int countWords(String text) {
        String trimmed = text.strip();
        return trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
    }
}
