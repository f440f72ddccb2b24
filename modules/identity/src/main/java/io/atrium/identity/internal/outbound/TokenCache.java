package io.atrium.identity.internal.outbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Access tokens by key, each requested once and reused until shortly before it expires. Callers that ask for a key
 * while its token is being requested wait for that request instead of making their own, and share its failure; a
 * failure is not kept, so the next caller asks again.
 *
 * @param <K> what a token is for; two keys that are not equal never share a token
 */
final class TokenCache<K> {

    /** How often expired tokens are swept out, so that keys nobody asks for again do not pile up. */
    private static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);

    private final ConcurrentHashMap<K, CompletableFuture<IssuedToken>> tokens = new ConcurrentHashMap<>();
    private final Duration refreshMargin;
    private final Clock clock;
    private final Consumer<Boolean> lookups;
    private volatile Instant lastSweep;

    /** @param lookups told of every {@link #get}: {@code true} when a token (or a request under way) was reused */
    public TokenCache(Duration refreshMargin, Clock clock, Consumer<Boolean> lookups) {
        this.refreshMargin = refreshMargin;
        this.clock = clock;
        this.lookups = lookups;
        this.lastSweep = clock.instant();
    }

    /**
     * The token for {@code key}: the cached one while it is good for longer than the refresh margin, otherwise the one
     * {@code request} obtains, which runs on the calling thread.
     *
     * @throws RuntimeException whatever {@code request} threw, for this caller and every one that waited for it
     */
    public IssuedToken get(K key, Supplier<IssuedToken> request) {
        CompletableFuture<IssuedToken> mine = new CompletableFuture<>();
        CompletableFuture<IssuedToken> current = tokens.compute(key, (k, cached) -> usable(cached) ? cached : mine);
        lookups.accept(current != mine);
        return obtain(key, mine, current, request);
    }

    private IssuedToken obtain(K key, CompletableFuture<IssuedToken> mine, CompletableFuture<IssuedToken> current,
                               Supplier<IssuedToken> request) {
        if (current == mine) {
            sweepNowAndThen();
            try {
                mine.complete(request.get());
            } catch (RuntimeException e) {
                tokens.remove(key, mine);
                mine.completeExceptionally(e);
            }
        }
        try {
            return current.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /**
     * A new token for {@code key} whatever is cached, for an API that refused the cached one with a claims challenge.
     * Callers renewing at the same time share one request: one already under way is waited for, not repeated.
     */
    public IssuedToken renew(K key, Supplier<IssuedToken> request) {
        CompletableFuture<IssuedToken> mine = new CompletableFuture<>();
        CompletableFuture<IssuedToken> current = tokens.compute(key,
                (k, cached) -> cached != null && !cached.isDone() ? cached : mine);
        return obtain(key, mine, current, request);
    }

    /** How many keys hold a token or a request under way. */
    int size() {
        return tokens.size();
    }

    /** A request under way is usable: waiting for it is what makes concurrent callers cost one request. */
    private boolean usable(CompletableFuture<IssuedToken> cached) {
        if (cached == null || cached.isCompletedExceptionally()) {
            return false;
        }
        return !cached.isDone() || cached.join().usableFor(refreshMargin, clock.instant());
    }

    private void sweepNowAndThen() {
        Instant now = clock.instant();
        if (lastSweep.plus(SWEEP_INTERVAL).isAfter(now)) {
            return;
        }
        lastSweep = now;
        tokens.values().removeIf(token -> token.isDone() && !token.isCompletedExceptionally()
                && !token.join().expiresAt().isAfter(now));
    }
}
