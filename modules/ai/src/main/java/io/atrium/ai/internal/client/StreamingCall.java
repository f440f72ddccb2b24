package io.atrium.ai.internal.client;

import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

import io.atrium.ai.AiCaller;
import io.atrium.ai.AiUnavailableException;
import io.atrium.ai.AiUnavailableException.Kind;
import io.atrium.ai.ChatReply;
import io.atrium.ai.ChatStream;
import io.atrium.ai.ChatStreamListener;
import io.atrium.ai.internal.resilience.RetryPolicy;

/**
 * One streamed chat completion: sends the request (again after a 429 or 5xx, as long as nothing of the answer has
 * reached the listener; {@link StreamRequests} does the sending), reads the event stream line by line as it arrives,
 * and ends exactly once: with the reply, with a failure, or cancelled. Azure's silence longer than the read timeout,
 * before the headers or between two events, ends it with {@code TIMEOUT}. Listener calls are serialised on this
 * object's lock.
 */
final class StreamingCall implements ChatStream {

    private final AzureOpenAiChat chat;
    private final String deployment;
    private final ChatStreamListener listener;
    private final RetryPolicy.Attempts attempts;
    private final StreamRequests requests;
    private final SilenceWatch silence;
    private final long startedNanos = System.nanoTime();
    private final CompletableFuture<ChatReply> result = new CompletableFuture<>();
    private final StreamedCompletion completion = new StreamedCompletion();
    private final SseEvents events = new SseEvents();

    private CompletableFuture<?> exchange;
    private Flow.Subscription subscription;
    private boolean ended;
    private boolean cancelled;

    StreamingCall(AzureOpenAiChat chat, AiCaller caller, String deployment, String body, ChatStreamListener listener) {
        this.chat = chat;
        this.deployment = deployment;
        this.listener = listener;
        this.attempts = chat.retries().start();
        this.requests = new StreamRequests(this, chat, caller, deployment, body, attempts);
        this.silence = new SilenceWatch(chat.timers(), chat.readTimeout(), this::silenceTooLong);
    }

    void begin() {
        requests.send();
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

    /** 200 with an event stream: read it line by line; anything else: keep the body whole, it is Azure's error. */
    BodySubscriber<String> bodyFor(HttpResponse.ResponseInfo info) {
        if (info.statusCode() == 200) {
            return BodySubscribers.fromLineSubscriber(new Lines(), lines -> "", StandardCharsets.UTF_8, null);
        }
        return BodySubscribers.ofString(StandardCharsets.UTF_8);
    }

    /** The request under way, which {@link #cancel()} aborts while no event stream has begun. */
    synchronized void exchanging(CompletableFuture<?> sent) {
        exchange = sent;
    }

    synchronized boolean isCancelled() {
        return cancelled || ended;
    }

    synchronized boolean hasStarted() {
        return subscription != null;
    }

    void fail(AiUnavailableException failure, boolean countAgainstDeployment) {
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
            silence.stop();
            ending.run();
        }
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
            silence.restart();
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
                silence.restart();
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
