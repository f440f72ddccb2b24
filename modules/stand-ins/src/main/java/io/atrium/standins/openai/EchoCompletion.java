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
        return completion(Fault.Filter.NONE);
    }

    /**
     * The body of a non-streaming answer; a filtered one (either filter: the asynchronous filter exists only for
     * streams) keeps the part generated before the block, with {@code finish_reason: content_filter}.
     */
    ObjectNode completion(Fault.Filter filter) {
        boolean filtered = filter != Fault.Filter.NONE;
        ObjectNode completion = envelope("chat.completion");
        ObjectNode choice = completion.putArray("choices").addObject();
        choice.set("content_filter_results", filtered ? ContentFilterResults.blocked() : ContentFilterResults.forAnswer());
        choice.put("finish_reason", filtered ? "content_filter" : "stop").put("index", 0).putNull("logprobs");
        choice.putObject("message").put("content", filtered ? pieces(content).get(0) : content)
                .put("role", "assistant");
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
        return chunks(includeUsage, Fault.Filter.NONE);
    }

    /**
     * The events of a streamed answer under a content filter: {@code COMPLETION} stops after the first word with
     * {@code finish_reason: content_filter}; {@code COMPLETION_ASYNC} streams the pieces without annotations (the
     * asynchronous filter's mode), ends with {@code stop}, and then sends the filter's verdict, {@code filtered}, in
     * an annotation chunk with {@code content_filter_offsets} and an empty id, as semantic-kernel's recording shows.
     */
    List<ObjectNode> chunks(boolean includeUsage, Fault.Filter filter) {
        List<ObjectNode> chunks = new ArrayList<>();
        ObjectNode promptFilters = JSON.objectNode();
        promptFilters.putArray("choices");
        promptFilters.put("created", 0).put("id", "").put("model", "").put("object", "");
        promptFilters.set("prompt_filter_results", ContentFilterResults.forPrompt());
        chunks.add(promptFilters);

        ObjectNode role = JSON.objectNode().put("content", "").put("role", "assistant");
        chunks.add(chunk(JSON.objectNode(), role, null, includeUsage));
        List<String> pieces = pieces(content);
        if (filter == Fault.Filter.COMPLETION) {
            chunks.add(chunk(ContentFilterResults.forStreamedPiece(), JSON.objectNode().put("content", pieces.get(0)),
                    null, includeUsage));
            chunks.add(chunk(ContentFilterResults.blocked(), JSON.objectNode(), "content_filter", includeUsage));
        } else {
            for (String piece : pieces) {
                chunks.add(chunk(filter == Fault.Filter.NONE ? ContentFilterResults.forStreamedPiece()
                        : JSON.objectNode(), JSON.objectNode().put("content", piece), null, includeUsage));
            }
            chunks.add(chunk(JSON.objectNode(), JSON.objectNode(), "stop", includeUsage));
        }
        if (filter == Fault.Filter.COMPLETION_ASYNC) {
            ObjectNode annotation = JSON.objectNode();
            ObjectNode choice = annotation.putArray("choices").addObject();
            choice.putObject("content_filter_offsets").put("check_offset", 0).put("start_offset", 0)
                    .put("end_offset", content.length());
            choice.set("content_filter_results", ContentFilterResults.blocked());
            choice.putNull("finish_reason").put("index", 0);
            annotation.put("created", 0).put("id", "").put("model", "").put("object", "");
            chunks.add(annotation);
        }

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
