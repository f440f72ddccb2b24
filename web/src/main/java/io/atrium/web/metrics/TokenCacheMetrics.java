package io.atrium.web.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.atrium.identity.events.TokenCacheLookedUp;

/**
 * Hits and misses of identity's token caches: Atrium's own tokens ({@code app}), employees' exchanged tokens
 * ({@code on-behalf-of}) and the verdicts on API callers' tokens ({@code bearer}). A miss is a request to Entra, or
 * for {@code bearer} a full signature and claims check.
 */
@ApplicationScoped
public class TokenCacheMetrics {

    @Inject
    AtriumMetrics metrics;

    void count(@Observes TokenCacheLookedUp lookup) {
        metrics.tokenCacheLookup(lookup.cache(), lookup.hit());
    }
}
