package io.atrium.ai.internal.resilience;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.atrium.ai.AiUnavailableException;
import io.atrium.ai.AiUnavailableException.Kind;

/**
 * One circuit breaker per deployment: after {@code failures} calls in a row that Azure failed (5xx, no answer, a
 * timeout, a stream cut off), calls to that deployment fail at once for {@code openFor}, then one trial call decides.
 * Not MicroProfile Fault Tolerance: its {@code @CircuitBreaker} keeps one state per annotated method, and the
 * deployment is an argument of that method, so one overloaded deployment would stop the healthy ones too. The
 * employee's own mistakes (4xx), rate limits and the content filter say nothing about a deployment's health.
 */
public final class CircuitBreakers {

    private final int failures;
    private final Duration openFor;
    private final Clock clock;
    private final Map<String, Breaker> byDeployment = new ConcurrentHashMap<>();

    public CircuitBreakers(int failures, Duration openFor, Clock clock) {
        this.failures = failures;
        this.openFor = openFor;
        this.clock = clock;
    }

    /**
     * Lets a call to {@code deployment} go ahead.
     *
     * @throws AiUnavailableException ({@code UPSTREAM_ERROR}) while the deployment's breaker is open
     */
    public void admit(String deployment) {
        breaker(deployment).admit(deployment);
    }

    public void succeeded(String deployment) {
        breaker(deployment).succeeded();
    }

    /** Counts {@code failure} against the deployment when it says the deployment is unwell. */
    public void failed(String deployment, AiUnavailableException failure) {
        if (isUnwell(failure)) {
            breaker(deployment).failed();
        } else {
            breaker(deployment).succeeded();
        }
    }

    private static boolean isUnwell(AiUnavailableException failure) {
        return failure.kind() == Kind.TIMEOUT || failure.kind() == Kind.UPSTREAM_ERROR
                && (failure.upstreamStatus().isEmpty() || failure.upstreamStatus().getAsInt() >= 500);
    }

    private Breaker breaker(String deployment) {
        return byDeployment.computeIfAbsent(deployment, name -> new Breaker());
    }

    private final class Breaker {

        private int failuresInARow;
        private Instant openUntil;
        private boolean trialUnderWay;

        synchronized void admit(String deployment) {
            if (openUntil == null) {
                return;
            }
            Instant now = clock.instant();
            if (now.isBefore(openUntil) || trialUnderWay) {
                throw AiUnavailableException.noAnswer(Kind.UPSTREAM_ERROR, "circuit breaker open for deployment "
                        + deployment + " after " + failuresInARow + " failures in a row; not calling Azure until "
                        + openUntil, null);
            }
            trialUnderWay = true;
        }

        synchronized void succeeded() {
            failuresInARow = 0;
            openUntil = null;
            trialUnderWay = false;
        }

        synchronized void failed() {
            failuresInARow++;
            if (trialUnderWay || failuresInARow >= failures) {
                openUntil = clock.instant().plus(openFor);
            }
            trialUnderWay = false;
        }
    }
}
