package io.atrium.ai;

import java.util.concurrent.CompletionStage;

/** A streamed answer under way. */
public interface ChatStream {

    /**
     * Stops the answer: the HTTP call to Azure OpenAI is aborted (Azure stops generating and billing), and the
     * listener gets {@code completed} with what had arrived and finish reason {@link ChatReply#CANCELLED}. Does
     * nothing once the stream has ended.
     */
    void cancel();

    /** Completes as the listener's last call does: normally with the reply, or with the {@link AiUnavailableException}. */
    CompletionStage<ChatReply> result();
}
