package io.atrium.ai.internal.client;

import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.atrium.ai.AiUnavailableException;
import io.atrium.ai.ChatReply;
import io.atrium.ai.internal.resilience.RetryPolicy;

/**
 * The one line each call to Azure OpenAI logs, whole or streamed: deployment, outcome, latency, retries, tokens, never
 * the credential or what was said.
 */
final class CallLog {

    /** Under the client's name, the logger operators already filter Azure calls by. */
    private static final Logger LOG = Logger.getLogger(AzureOpenAiChat.class.getName());

    private CallLog() {
    }

    static void completed(String what, String deployment, long startedNanos, RetryPolicy.Attempts attempts,
                      ChatReply reply) {
        LOG.log(Level.INFO, "Azure OpenAI {0}: deployment={1}, outcome={2}, latency={3} ms, retries={4}, "
                + "prompt tokens={5}, completion tokens={6}{7}", new Object[] {what, deployment,
                reply.finishReason(), millisSince(startedNanos), String.valueOf(attempts.retries()),
                String.valueOf(reply.promptTokens()), String.valueOf(reply.completionTokens()),
                reply.filters().summary().isEmpty() ? "" : ", filters " + reply.filters().summary()});
    }

    static void failed(String what, String deployment, long startedNanos, RetryPolicy.Attempts attempts,
                   AiUnavailableException failure) {
        LOG.log(Level.WARNING, "Azure OpenAI {0} failed: deployment={1}, status={2}, latency={3} ms, retries={4}, "
                + "{5}", new Object[] {what, deployment, failure.upstreamStatus().isPresent()
                ? String.valueOf(failure.upstreamStatus().getAsInt()) : "none", millisSince(startedNanos),
                String.valueOf(attempts.retries()), failure.getMessage()});
    }

    static String millisSince(long startedNanos) {
        return String.valueOf(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos));
    }
}
