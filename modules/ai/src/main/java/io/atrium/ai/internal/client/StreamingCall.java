package io.atrium.ai.internal.client;

import java.io.IOException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.atrium.ai.AiCaller;
import io.atrium.ai.AiUnavailableException;
import io.atrium.ai.AiUnavailableException.Kind;
import io.atrium.ai.ChatReply;
import io.atrium.ai.ChatStream;
import io.atrium.ai.ChatStreamListener;
import io.atrium.ai.internal.resilience.RetryPolicy;

/**
 * One streamed chat completion: sends the request (again after a 429 or 5xx, as long as nothing of the answer has
 * reached the listener), reads the event stream line by line as it arrives, and ends exactly once: with the reply,
 * with a failure, or cancelled. Azure's silence longer than the read timeout, before the headers or between two
 * events, ends it with {@code TIMEOUT}. Listener calls are serialised on this object's lock.
 */
final class StreamingCall implements ChatStream {

    private final AzureOpenAiChat chat;
    private final AiCaller caller;
    private final String deployment;
    private final String body;
    private final ChatStreamListener listener;
    private final RetryPolicy.Attempts attempts;
    private final long startedNanos = System.nanoTime();
    private final CompletableFuture<ChatReply> result = new CompletableFuture<>();
    private final StreamedCompletion completion = new StreamedCompletion();
    private final SseEvents events = new SseEvents();

    private CompletableFuture<?> exchange;
    private Flow.Subscription subscription;
    private ScheduledFuture<?> silenceTimer;
    private boolean ended;
    private boolean cancelled;
    private volatile boolean challengeAnswered;

    StreamingCall(AzureOpenAiChat chat, AiCaller caller, String deployment, String body, ChatStreamListener listener) {
        this.chat = chat;
        this.caller = caller;
        this.deployment = deployment;
        this.body = body;
        this.listener = listener;
        this.attempts = chat.retries().start();
    }

    void begin() {
        try {
            chat.breakers().admit(deployment);
            attempt(chat.request(caller, deployment, body));
        } catch (AiUnavailableException refused) {
            fail(refused, false);
        }
    }

    @Override
    public void cancel() {
        Flow.Subscription toCancel;
        CompletableFuture<?> toAbort;
        synchronized (this) {
            if (ended) {
                return;
            }
            cancelled = true;
            toCancel = subscription;
            toAbort = exchange;
        }
        // Cancelling the body's subscription, or the exchange before the headers came, makes the JDK client close
        // the connection: Azure sees the client gone and stops generating.
        if (toCancel != null) {
            toCancel.cancel();
        }
        if (toAbort != null) {
            toAbort.cancel(true);
        }
        end(() -> {
            ChatReply partial = completion.cancelled(deployment);
            CallLog.completed("streamed chat completion", deployment, startedNanos, attempts, partial);
            listener.completed(partial);
            result.complete(partial);
        });
    }

    @Override
    public CompletionStage<ChatReply> result() {
        return result.minimalCompletionStage();
    }

    private void attempt(HttpRequest request) {
        CompletableFuture<HttpResponse<String>> sent = chat.http().sendAsync(request, this::bodyFor);
        synchronized (this) {
            exchange = sent;
        }
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

    /** 200 with an event stream: read it line by line; anything else: keep the body whole, it is Azure's error. */
    private BodySubscriber<String> bodyFor(HttpResponse.ResponseInfo info) {
        if (info.statusCode() == 200) {
            return BodySubscribers.fromLineSubscriber(new Lines(), lines -> "", StandardCharsets.UTF_8, null);
        }
        return BodySubscribers.ofString(StandardCharsets.UTF_8);
    }

    /** The exchange failed. Once the event stream has begun, {@link Lines} alone decides how the call ends. */
    private void noAnswer(Throwable error) {
        if (isCancelled() || hasStarted()) {
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
            if (isCancelled()) {
                return;
            }
            try {
                chat.answerChallenge(caller, deployment, claims);
                attempt(chat.request(caller, deployment, body));
            } catch (AiUnavailableException refused) {
                fail(refused, false);
            }
        });
    }

    private void retryOrFail(AiUnavailableException failure, HttpHeaders headers) {
        Optional<Duration> pause = attempts.after(failure, headers);
        if (pause.isEmpty() || isCancelled()) {
            fail(failure, false);
            return;
        }
        chat.timers().schedule(() -> {
            if (isCancelled()) {
                return;
            }
            try {
                chat.breakers().admit(deployment);
                attempt(chat.request(caller, deployment, body));
            } catch (AiUnavailableException refused) {
                fail(refused, false);
            }
        }, pause.get().toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized boolean isCancelled() {
        return cancelled || ended;
    }

    private synchronized boolean hasStarted() {
        return subscription != null;
    }

    private void fail(AiUnavailableException failure, boolean countAgainstDeployment) {
        if (countAgainstDeployment) {
            chat.breakers().failed(deployment, failure);
        }
        end(() -> {
            CallLog.failed("streamed chat completion", deployment, startedNanos, attempts, failure);
            listener.failed(failure);
            result.completeExceptionally(failure);
        });
    }

    /** Runs {@code ending} once, whoever gets here first: the stream's end, a failure, the timer, or cancel. */
    private void end(Runnable ending) {
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
            if (silenceTimer != null) {
                silenceTimer.cancel(false);
            }
            ending.run();
        }
    }

    private synchronized void watchSilence() {
        if (silenceTimer != null) {
            silenceTimer.cancel(false);
        }
        long millis = chat.readTimeout().toMillis();
        silenceTimer = chat.timers().schedule(this::silenceTooLong, millis, TimeUnit.MILLISECONDS);
    }

    private void silenceTooLong() {
        Flow.Subscription toCancel;
        synchronized (this) {
            if (ended) {
                return;
            }
            toCancel = subscription;
        }
        if (toCancel != null) {
            toCancel.cancel();
        }
        fail(AiUnavailableException.noAnswer(Kind.TIMEOUT, "Azure OpenAI sent nothing for "
                + chat.readTimeout().toMillis() + " ms in the middle of a streamed answer", null), true);
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** The event stream's lines, as the JDK client delivers them (one at a time, in order). */
    private final class Lines implements Flow.Subscriber<String> {

        @Override
        public void onSubscribe(Flow.Subscription lines) {
            boolean alreadyCancelled;
            synchronized (StreamingCall.this) {
                subscription = lines;
                alreadyCancelled = cancelled || ended;
            }
            if (alreadyCancelled) {
                lines.cancel();
                return;
            }
            watchSilence();
            lines.request(1);
        }

        @Override
        public void onNext(String line) {
            try {
                Optional<String> data = events.line(line);
                if (data.isPresent()) {
                    deliver(data.get());
                }
            } catch (AiUnavailableException failure) {
                subscriptionOrNull().ifPresent(Flow.Subscription::cancel);
                fail(failure, false);
                return;
            }
            if (!isCancelled()) {
                watchSilence();
                subscriptionOrNull().ifPresent(lines -> lines.request(1));
            }
        }

        @Override
        public void onError(Throwable error) {
            if (isCancelled()) {
                return;
            }
            fail(AiUnavailableException.noAnswer(Kind.UPSTREAM_ERROR, "the Azure OpenAI stream broke off after "
                    + completion.content().length() + " characters: " + error, error), true);
        }

        @Override
        public void onComplete() {
            try {
                events.end().ifPresent(StreamingCall.this::deliver);
                ChatReply reply = completion.reply(deployment);
                chat.breakers().succeeded(deployment);
                end(() -> {
                    CallLog.completed("streamed chat completion", deployment, startedNanos, attempts, reply);
                    listener.completed(reply);
                    result.complete(reply);
                });
            } catch (AiUnavailableException failure) {
                fail(failure, !completion.done());
            }
        }

        private Optional<Flow.Subscription> subscriptionOrNull() {
            synchronized (StreamingCall.this) {
                return Optional.ofNullable(subscription);
            }
        }
    }

    private void deliver(String data) {
        synchronized (this) {
            if (ended) {
                return;
            }
            completion.accept(data).ifPresent(listener::delta);
        }
    }
}
