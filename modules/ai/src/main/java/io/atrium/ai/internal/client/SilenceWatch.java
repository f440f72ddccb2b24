package io.atrium.ai.internal.client;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Runs {@code tooLong} when a streamed call hears nothing from Azure for the read timeout since the last restart. */
final class SilenceWatch {

    private final ScheduledExecutorService timers;
    private final Duration limit;
    private final Runnable tooLong;
    private ScheduledFuture<?> timer;

    SilenceWatch(ScheduledExecutorService timers, Duration limit, Runnable tooLong) {
        this.timers = timers;
        this.limit = limit;
        this.tooLong = tooLong;
    }

    /** Something arrived: the silence counts from now. */
    synchronized void restart() {
        stop();
        timer = timers.schedule(tooLong, limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    synchronized void stop() {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
