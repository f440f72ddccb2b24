package io.atrium.ai;

import java.util.Objects;

/**
 * The assistant's answer to a conversation.
 *
 * @param content          the answer's text (for a stopped stream: what had arrived)
 * @param finishReason     why the model stopped, as Azure says it: {@code stop} (done), {@code length} (cut off at the
 *                         token limit), {@code tool_calls}; Atrium's own {@code cancelled} when the caller stopped
 *                         the stream
 * @param promptTokens     tokens Azure counted for the conversation sent, system prompt included (0 when Azure did
 *                         not say, as for a stopped stream)
 * @param completionTokens tokens Azure counted for the answer
 * @param deployment       the Azure OpenAI deployment that answered
 * @param model            the model behind it as Azure names it, such as {@code gpt-4o-2024-08-06}; empty if unknown
 * @param filters          what Azure's content filter found in the conversation and the answer
 */
public record ChatReply(String content, String finishReason, int promptTokens, int completionTokens,
                        String deployment, String model, ContentFilterFindings filters) {

    /** Atrium's finish reason for a stream its caller stopped. */
    public static final String CANCELLED = "cancelled";

    public ChatReply {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(finishReason, "finishReason");
        Objects.requireNonNull(deployment, "deployment");
        model = model == null ? "" : model;
        filters = filters == null ? ContentFilterFindings.none() : filters;
    }

    public int totalTokens() {
        return promptTokens + completionTokens;
    }
}
