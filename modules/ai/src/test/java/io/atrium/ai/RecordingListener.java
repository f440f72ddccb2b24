package io.atrium.ai;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** Keeps what a stream delivered, and when, for tests to assert on. */
public class RecordingListener implements ChatStreamListener {

    public final List<String> deltas = new CopyOnWriteArrayList<>();
    public final List<Long> deltaNanos = new CopyOnWriteArrayList<>();
    public final CompletableFuture<ChatReply> completed = new CompletableFuture<>();
    public final CompletableFuture<AiUnavailableException> failed = new CompletableFuture<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    public volatile int endings;

    @Override
    public void delta(String text) {
        deltas.add(text);
        deltaNanos.add(System.nanoTime());
    }

    @Override
    public void completed(ChatReply reply) {
        endings++;
        completed.complete(reply);
        ended.complete(null);
    }

    @Override
    public void failed(AiUnavailableException failure) {
        endings++;
        failed.complete(failure);
        ended.complete(null);
    }

    /** Waits for the stream's end, at most {@code timeout}. */
    public RecordingListener awaitEnd(Duration timeout) throws Exception {
        ended.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    public ChatReply reply() {
        return completed.getNow(null);
    }

    public AiUnavailableException failure() {
        return failed.getNow(null);
    }
}
