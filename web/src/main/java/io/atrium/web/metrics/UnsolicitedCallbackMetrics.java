package io.atrium.web.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.atrium.identity.events.UnsolicitedSignInCallback;

/**
 * Returns to the sign-in callback that no sign-in was waiting for (forged, replayed, expired): identity logs them at
 * most once a minute, so the count of each is here.
 */
@ApplicationScoped
public class UnsolicitedCallbackMetrics {

    @Inject
    AtriumMetrics metrics;

    void count(@Observes UnsolicitedSignInCallback callback) {
        metrics.unsolicitedCallback();
    }
}
