package io.atrium.ai;

/**
 * The assistant's answer to a conversation.
 *
 * @param content          the answer's text
 * @param finishReason     why the model stopped, as Azure says it: {@code stop} (done) or {@code length} (cut off
 *                         at the token limit)
 * @param promptTokens     tokens Azure counted for the conversation sent, system prompt included
 * @param completionTokens tokens Azure counted for the answer
 * @param deployment       the Azure OpenAI deployment that answered
 */
public record ChatReply(String content, String finishReason, int promptTokens, int completionTokens,
                        String deployment) {
}
