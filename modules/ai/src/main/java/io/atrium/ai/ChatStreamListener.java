package io.atrium.ai;

/**
 * Receives a streamed answer as it arrives. Called one call at a time and in order, on an HTTP client thread (or, for
 * the end of a cancelled stream, the thread calling {@link ChatStream#cancel()}): do not use request-scoped beans
 * here. Exactly one of {@link #completed}
 * and {@link #failed} ends every stream, also a cancelled one (then {@code completed} with finish reason
 * {@link ChatReply#CANCELLED}).
 */
public interface ChatStreamListener {

    /** The next piece of the answer's text, never empty. */
    void delta(String text);

    /** The whole answer, with Azure's usage and content-filter findings; already recorded in the usage ledger. */
    void completed(ChatReply reply);

    /**
     * No (whole) answer: {@code failure.userMessage()} says why in words for the employee. Pieces already delivered
     * by {@link #delta} must be withdrawn when the kind is {@code CONTENT_FILTERED} (Azure's asynchronous filter can
     * block an answer after part of it was streamed).
     */
    void failed(AiUnavailableException failure);
}
