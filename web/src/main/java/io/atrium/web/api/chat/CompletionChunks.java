package io.atrium.web.api.chat;

import java.time.Instant;
import java.util.UUID;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import io.atrium.ai.ChatReply;

import static io.atrium.web.JsonProviders.JSON;

/** Atrium's answers in OpenAI's chat-completions shapes: the whole completion, or the chunks of a streamed one. */
final class CompletionChunks {

    private final String id = "chatcmpl-" + UUID.randomUUID();
    private final long created = Instant.now().getEpochSecond();
    private final String model;

    CompletionChunks(String model) {
        this.model = model;
    }

    JsonObject completion(ChatReply reply) {
        return JSON.createObjectBuilder()
                .add("id", id)
                .add("object", "chat.completion")
                .add("created", created)
                .add("model", modelOf(reply))
                .add("choices", JSON.createArrayBuilder().add(JSON.createObjectBuilder()
                        .add("index", 0)
                        .add("message", JSON.createObjectBuilder().add("role", "assistant")
                                .add("content", reply.content()))
                        .add("finish_reason", reply.finishReason())))
                .add("usage", usage(reply))
                .build();
    }

    /** The first chunk names the role, as OpenAI's does. */
    JsonObject roleChunk() {
        return chunk(JSON.createObjectBuilder().add("role", "assistant").add("content", ""), null);
    }

    JsonObject deltaChunk(String text) {
        return chunk(JSON.createObjectBuilder().add("content", text), null);
    }

    JsonObject finishChunk(ChatReply reply) {
        return chunk(JSON.createObjectBuilder(), reply.finishReason());
    }

    /** Sent last when the caller asked for {@code stream_options.include_usage}: no choices, only usage. */
    JsonObject usageChunk(ChatReply reply) {
        return base().add("choices", JSON.createArrayBuilder()).add("usage", usage(reply)).build();
    }

    private JsonObject chunk(JsonObjectBuilder delta, String finishReason) {
        JsonObjectBuilder choice = JSON.createObjectBuilder().add("index", 0).add("delta", delta);
        if (finishReason == null) {
            choice.addNull("finish_reason");
        } else {
            choice.add("finish_reason", finishReason);
        }
        return base().add("choices", JSON.createArrayBuilder().add(choice)).build();
    }

    private JsonObjectBuilder base() {
        return JSON.createObjectBuilder()
                .add("id", id)
                .add("object", "chat.completion.chunk")
                .add("created", created)
                .add("model", model);
    }

    private String modelOf(ChatReply reply) {
        return reply.model().isEmpty() ? model : reply.model();
    }

    private static JsonObjectBuilder usage(ChatReply reply) {
        return JSON.createObjectBuilder()
                .add("prompt_tokens", reply.promptTokens())
                .add("completion_tokens", reply.completionTokens())
                .add("total_tokens", reply.totalTokens());
    }
}
