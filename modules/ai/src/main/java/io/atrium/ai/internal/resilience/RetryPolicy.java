package io.atrium.ai.internal.resilience;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Optional;

import io.atrium.ai.AiUnavailableException;
import io.atrium.ai.AiUnavailableException.Kind;

/**
 * When to send a failed call again: a 429 after the wait Azure asks for ({@code retry-after-ms}, else
 * {@code Retry-After} in seconds, else one second doubling), at most {@code maxRateLimitRetries} times; a 5xx once,
 * after {@link #SERVER_ERROR_PAUSE}; nothing else (a 4xx will not change, a timeout already cost the employee the
 * whole wait). No retry starts whose wait would end past the total budget: then the employee is told at once.
 * Retries happen only before any of the answer reached the caller.
 */
public final class RetryPolicy {

    static final Duration SERVER_ERROR_PAUSE = Duration.ofMillis(250);
    private static final Duration FIRST_RATE_LIMIT_PAUSE = Duration.ofSeconds(1);

    private final int maxRateLimitRetries;
    private final Duration budget;

    public RetryPolicy(int maxRateLimitRetries, Duration budget) {
        this.maxRateLimitRetries = maxRateLimitRetries;
        this.budget = budget;
    }

    /** The retry state of one call, begun now. */
    public Attempts start() {
        return new Attempts(System.nanoTime());
    }

    /** One call's retries so far. Not thread-safe: a call's attempts run one after the other. */
    public final class Attempts {

        private final long startedNanos;
        private int rateLimitRetries;
        private boolean serverErrorRetried;

        private Attempts(long startedNanos) {
            this.startedNanos = startedNanos;
        }

        /**
         * The pause before the next attempt, or empty when {@code failure} is final.
         *
         * @param headers the failed answer's headers, for Azure's retry advice; null when no answer came
         */
        public Optional<Duration> after(AiUnavailableException failure, HttpHeaders headers) {
            Duration pause;
            if (failure.kind() == Kind.RATE_LIMITED && failure.upstreamStatus().isPresent()) {
                if (rateLimitRetries >= maxRateLimitRetries) {
                    return Optional.empty();
                }
                pause = retryAfter(headers).orElse(FIRST_RATE_LIMIT_PAUSE.multipliedBy(1L << rateLimitRetries));
                rateLimitRetries++;
            } else if (isServerError(failure)) {
                if (serverErrorRetried) {
                    return Optional.empty();
                }
                pause = retryAfter(headers).orElse(SERVER_ERROR_PAUSE);
                serverErrorRetried = true;
            } else {
                return Optional.empty();
            }
            Duration spent = Duration.ofNanos(System.nanoTime() - startedNanos);
            return spent.plus(pause).compareTo(budget) < 0 ? Optional.of(pause) : Optional.empty();
        }

        /** How many attempts were made after the first. */
        public int retries() {
            return rateLimitRetries + (serverErrorRetried ? 1 : 0);
        }
    }

    private static boolean isServerError(AiUnavailableException failure) {
        // 504 is Azure's gateway giving up on a slow model: as with Atrium's own timeout, the wait is already spent.
        return failure.upstreamStatus().isPresent() && failure.upstreamStatus().getAsInt() >= 500
                && failure.upstreamStatus().getAsInt() != 504;
    }

    /** Azure's advice: {@code retry-after-ms} is the precise one; {@code Retry-After} is whole seconds. */
    static Optional<Duration> retryAfter(HttpHeaders headers) {
        if (headers == null) {
            return Optional.empty();
        }
        Optional<Duration> millis = headers.firstValue("retry-after-ms").flatMap(value -> number(value))
                .map(Duration::ofMillis);
        return millis.isPresent() ? millis
                : headers.firstValue("Retry-After").flatMap(value -> number(value)).map(Duration::ofSeconds);
    }

    private static Optional<Long> number(String value) {
        try {
            long number = Long.parseLong(value.strip());
            return number >= 0 ? Optional.of(number) : Optional.empty();
        } catch (NumberFormatException e) {
            // Retry-After may also be an HTTP date, which Azure does not send; the default pause then applies.
            return Optional.empty();
        }
    }
}
