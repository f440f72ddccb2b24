package io.atrium.ai.internal.client;

import java.io.IOException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.atrium.ai.AiCaller;
import io.atrium.ai.AiUnavailableException;
import io.atrium.ai.AiUnavailableException.Kind;
import io.atrium.ai.internal.resilience.RetryPolicy;

/**
 * Sends a {@link StreamingCall}'s request until Azure answers 200: again after a 429 or 5xx as long as the retry policy
 * allows and nothing of the answer has reached the listener, and once more after answering a claims challenge.
 */
final class StreamRequests {

    private final StreamingCall call;
    private final AzureOpenAiChat chat;
    private final AiCaller caller;
    private final String deployment;
    private final String body;
    private final RetryPolicy.Attempts attempts;
    private volatile boolean challengeAnswered;

    StreamRequests(StreamingCall call, AzureOpenAiChat chat, AiCaller caller, String deployment, String body,
                   RetryPolicy.Attempts attempts) {
        this.call = call;
        this.chat = chat;
        this.caller = caller;
        this.deployment = deployment;
        this.body = body;
        this.attempts = attempts;
    }

    /** The first attempt, or the next one after a retry's pause: the circuit breaker may refuse either. */
    void send() {
        try {
            chat.breakers().admit(deployment);
            attempt(chat.request(caller, deployment, body));
        } catch (AiUnavailableException refused) {
            call.fail(refused, false);
        }
    }

    private void attempt(HttpRequest request) {
        CompletableFuture<HttpResponse<String>> sent = chat.http().sendAsync(request, call::bodyFor);
        call.exchanging(sent);
        sent.whenComplete((response, error) -> {
            if (error != null) {
                noAnswer(unwrap(error));
            } else if (response.statusCode() != 200) {
                Optional<String> challenge = AzureOpenAiChat.claimsChallenge(response.statusCode(),
                        response.headers().firstValue("WWW-Authenticate").orElse(null));
                if (challenge.isPresent() && !challengeAnswered) {
                    challengeAnswered = true;
                    answerAndSendAgain(challenge.get());
                    return;
                }
                AiUnavailableException failure = AzureOpenAiErrors.fromResponse(response.statusCode(), response.body(),
                        response.headers().firstValue("Retry-After").orElse(null),
                        response.headers().firstValue("retry-after-ms").orElse(null));
                chat.breakers().failed(deployment, failure);
                retryOrFail(failure, response.headers());
            }
        });
    }

    /** The exchange failed. Once the event stream has begun, the call's lines alone decide how the call ends. */
    private void noAnswer(Throwable error) {
        if (call.isCancelled() || call.hasStarted()) {
            return;
        }
        AiUnavailableException failure = error instanceof AiUnavailableException known ? known
                : error instanceof IOException io ? AzureOpenAiErrors.fromNoAnswer(io)
                : AiUnavailableException.noAnswer(Kind.UPSTREAM_ERROR, "the call to Azure failed: " + error, error);
        chat.breakers().failed(deployment, failure);
        retryOrFail(failure, null);
    }

    /**
     * On a thread of its own, neither the HTTP client's nor the one timer thread: the token request waits for Entra.
     * Rare (a critical event for the employee), so a virtual thread each time.
     */
    private void answerAndSendAgain(String claims) {
        Thread.ofVirtual().name("azure-openai-claims-challenge").start(() -> {
            if (call.isCancelled()) {
                return;
            }
            try {
                chat.answerChallenge(caller, deployment, claims);
                attempt(chat.request(caller, deployment, body));
            } catch (AiUnavailableException refused) {
                call.fail(refused, false);
            }
        });
    }

    private void retryOrFail(AiUnavailableException failure, HttpHeaders headers) {
        Optional<Duration> pause = attempts.after(failure, headers);
        if (pause.isEmpty() || call.isCancelled()) {
            call.fail(failure, false);
            return;
        }
        chat.timers().schedule(() -> {
            if (!call.isCancelled()) {
                send();
            }
        }, pause.get().toMillis(), TimeUnit.MILLISECONDS);
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
