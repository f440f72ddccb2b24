package io.atrium.web.metrics;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Atrium's own metrics, in the application registry that Payara serves at {@code /metrics} (Prometheus text).
 * Names and tags are kept to a few values each (outcome, HTTP status, deployment), so the series stay few. Payara
 * exports a timer's {@code _sum} in seconds but its quantiles, mean and max in nanoseconds: read {@code _sum} and
 * {@code _count}.
 */
@ApplicationScoped
public class AtriumMetrics {

    @Inject
    MetricRegistry registry;

    /** Every series of a metric has the same tag names (Prometheus wants it so, and Payara refuses others). */
    void signInSucceeded(int status) {
        registry.counter("atrium.sign_ins", new Tag("outcome", "succeeded"), status(status)).inc();
    }

    void signInFailed(int status) {
        registry.counter("atrium.sign_ins", new Tag("outcome", "failed"), status(status)).inc();
    }

    /** A return to the sign-in callback that no sign-in of that browser was waiting for. */
    void unsolicitedCallback() {
        registry.counter("atrium.unsolicited_callbacks").inc();
    }

    /** An API call refused for its credentials (401) or for lacking a role or scope (403). */
    public void apiRefused(int status) {
        registry.counter("atrium.api.refusals", status(status)).inc();
    }

    void aiCall(String deployment, String status, boolean failed, Duration duration) {
        Tag deploymentTag = new Tag("deployment", deployment);
        Tag statusTag = new Tag("status", status);
        registry.counter("atrium.ai.calls", deploymentTag, statusTag).inc();
        registry.timer("atrium.ai.call.duration", deploymentTag).update(duration);
        if (failed) {
            registry.counter("atrium.ai.errors", deploymentTag, statusTag).inc();
        }
    }

    void tokenCacheLookup(String cache, boolean hit) {
        registry.counter(hit ? "atrium.token_cache.hits" : "atrium.token_cache.misses", new Tag("cache", cache)).inc();
    }

    private static Tag status(int status) {
        return new Tag("status", Integer.toString(status));
    }
}
