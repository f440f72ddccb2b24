package io.atrium.ai.internal.client;

import java.io.StringReader;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import io.atrium.ai.AiUnavailableException;
import io.atrium.ai.AiUnavailableException.Kind;
import io.atrium.ai.ChatReply;
import io.atrium.ai.ContentFilterFindings;

/**
 * Puts a streamed chat completion together from its events, with every quirk of Azure's stream: the first chunk has
 * empty {@code choices} and only {@code prompt_filter_results} (and an empty id and model); the usage chunk has empty
 * {@code choices}; the asynchronous content filter sends its annotations, with empty id, after the chunk carrying
 * {@code finish_reason}; a chunk may be an {@code {"error":...}} object; {@code [DONE]} ends the stream. Only the first
 * choice (index 0) is read: Atrium never asks for more ({@code n} is not sent). Not thread-safe: one per stream.
 */
final class StreamedCompletion {

    /** Looked up once: {@code Json}'s factory methods scan the class loaders for the provider on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    static final String DONE = "[DONE]";

    private final StringBuilder content = new StringBuilder();
    private final Map<String, String> promptFindings = new HashMap<>();
    private final Map<String, String> completionFindings = new HashMap<>();
    private String finishReason;
    private String id = "";
    private String model = "";
    private Integer promptTokens;
    private Integer completionTokens;
    private boolean done;

    /**
     * Takes the data of the next event.
     *
     * @return the piece of text this event adds to the answer, empty if it adds none
     * @throws AiUnavailableException when the event is Azure's error, or not JSON at all
     */
    Optional<String> accept(String data) {
        if (DONE.equals(data.strip())) {
            done = true;
            return Optional.empty();
        }
        JsonObject chunk = parse(data);
        if (chunk.get("error") instanceof JsonObject) {
            throw AzureOpenAiErrors.fromStreamedError(chunk.toString(), findings());
        }
        id = nonEmpty(chunk, "id").orElse(id);
        model = nonEmpty(chunk, "model").orElse(model);
        if (chunk.get("prompt_filter_results") instanceof JsonArray prompts) {
            for (JsonValue prompt : prompts) {
                if (prompt instanceof JsonObject promptResult
                        && promptResult.get("content_filter_results") instanceof JsonObject results) {
                    FilterFindings.addTo(promptFindings, results);
                }
            }
        }
        if (chunk.get("usage") instanceof JsonObject usage) {
            promptTokens = integer(usage, "prompt_tokens").orElse(promptTokens);
            completionTokens = integer(usage, "completion_tokens").orElse(completionTokens);
        }
        String piece = "";
        if (chunk.get("choices") instanceof JsonArray choices) {
            for (JsonValue value : choices) {
                if (!(value instanceof JsonObject choice) || integer(choice, "index").orElse(0) != 0) {
                    continue;
                }
                if (choice.get("content_filter_results") instanceof JsonObject results) {
                    FilterFindings.addTo(completionFindings, results);
                }
                if (choice.get("delta") instanceof JsonObject delta
                        && delta.get("content") instanceof JsonString text) {
                    piece += text.getString();
                }
                finishReason = nonEmpty(choice, "finish_reason").orElse(finishReason);
            }
        }
        content.append(piece);
        return piece.isEmpty() ? Optional.empty() : Optional.of(piece);
    }

    /** Whether {@code [DONE]} has arrived: anything else is a stream cut short. */
    boolean done() {
        return done;
    }

    String content() {
        return content.toString();
    }

    ContentFilterFindings findings() {
        return new ContentFilterFindings(promptFindings, completionFindings);
    }

    /**
     * The answer, once the stream ended with {@code [DONE]}.
     *
     * @throws AiUnavailableException when the stream was cut short, ended without a finish reason, or the content
     *                                filter blocked the answer, synchronously ({@code finish_reason: content_filter})
     *                                or asynchronously (an annotation with {@code filtered: true} after the end)
     */
    ChatReply reply(String deployment) {
        if (!done) {
            throw AiUnavailableException.noAnswer(Kind.UPSTREAM_ERROR, "the Azure OpenAI stream ended before [DONE]"
                    + " after " + content.length() + " characters" + idSuffix(), null);
        }
        if ("content_filter".equals(finishReason) || findings().completionFiltered()) {
            throw AiUnavailableException.contentFiltered(200, "Azure OpenAI's content filter stopped the streamed "
                    + "answer (" + findings().summary() + ")" + idSuffix(), findings());
        }
        if (finishReason == null) {
            throw AiUnavailableException.unusableAnswer(Kind.UPSTREAM_ERROR,
                    "the Azure OpenAI stream ended without a finish reason" + idSuffix());
        }
        return new ChatReply(content.toString(), finishReason, promptTokens == null ? 0 : promptTokens,
                completionTokens == null ? 0 : completionTokens, deployment, model, findings());
    }

    /** What had arrived when the caller stopped the stream; Azure sends no usage for it. */
    ChatReply cancelled(String deployment) {
        return new ChatReply(content.toString(), ChatReply.CANCELLED, promptTokens == null ? 0 : promptTokens,
                completionTokens == null ? 0 : completionTokens, deployment, model, findings());
    }

    String id() {
        return id;
    }

    private String idSuffix() {
        return id.isEmpty() ? "" : " (id " + id + ")";
    }

    private static JsonObject parse(String data) {
        try (JsonReader reader = JSON.createReader(new StringReader(data))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException notJson) {
            throw AiUnavailableException.unusableAnswer(Kind.UPSTREAM_ERROR, "Azure OpenAI streamed an event that is "
                    + "not a JSON object: " + (data.length() > 80 ? data.substring(0, 80) + "..." : data));
        }
    }

    private static Optional<String> nonEmpty(JsonObject object, String name) {
        return object.get(name) instanceof JsonString text && !text.getString().isEmpty()
                ? Optional.of(text.getString()) : Optional.empty();
    }

    private static Optional<Integer> integer(JsonObject object, String name) {
        return object.get(name) instanceof JsonNumber number
                ? Optional.of(number.intValue()) : Optional.empty();
    }
}
