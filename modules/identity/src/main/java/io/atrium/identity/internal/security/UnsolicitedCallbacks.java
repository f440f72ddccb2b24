package io.atrium.identity.internal.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import io.atrium.identity.events.UnsolicitedSignInCallback;
import io.atrium.identity.internal.oidc.UnsolicitedCallback;

/**
 * Counts the callbacks no sign-in was waiting for. Each is counted (an {@link UnsolicitedSignInCallback} event, for
 * metrics), but the log gets at most one line per {@link #LOG_INTERVAL} with the number since the previous line, so
 * that a script sending thousands cannot fill the log or bury other lines.
 */
@ApplicationScoped
public class UnsolicitedCallbacks {

    static final Duration LOG_INTERVAL = Duration.ofMinutes(1);
    private static final Logger LOG = Logger.getLogger(UnsolicitedCallbacks.class.getName());

    private final Event<UnsolicitedSignInCallback> counted;
    private final Clock clock;
    private final AtomicLong sinceLastLine = new AtomicLong();
    private final AtomicReference<Instant> nextLine = new AtomicReference<>(Instant.MIN);

    @Inject
    public UnsolicitedCallbacks(Event<UnsolicitedSignInCallback> counted) {
        this(counted, Clock.systemUTC());
    }

    UnsolicitedCallbacks(Event<UnsolicitedSignInCallback> counted, Clock clock) {
        this.counted = counted;
        this.clock = clock;
    }

    /** For CDI's proxy. */
    protected UnsolicitedCallbacks() {
        this(null, null);
    }

    void count(UnsolicitedCallback callback) {
        sinceLastLine.incrementAndGet();
        counted.fire(UnsolicitedSignInCallback.INSTANCE);
        Instant now = clock.instant();
        Instant due = nextLine.get();
        // One thread wins the line for this interval; the others only count.
        if (!now.isBefore(due) && nextLine.compareAndSet(due, now.plus(LOG_INTERVAL))) {
            long callbacks = sinceLastLine.getAndSet(0);
            LOG.warning(() -> "unsolicited sign-in callbacks (a state the browser did not start, already used or "
                    + "expired; not recorded as sign-ins): " + callbacks + " since the previous such line, the latest "
                    + "with " + callback.kind() + "; at most one line every " + LOG_INTERVAL.toSeconds() + " s");
        }
    }
}
