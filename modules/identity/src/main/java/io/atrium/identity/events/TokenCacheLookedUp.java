package io.atrium.identity.events;

/**
 * A token cache was asked for a token: {@code hit} when it had one, otherwise Entra was asked (or, for the bearer
 * cache, the token's signature and claims were checked). For metrics; fired synchronously, so observers keep it cheap.
 *
 * @param cache {@code app} (Atrium's own tokens), {@code on-behalf-of} (employees' exchanged tokens) or {@code bearer}
 *              (verdicts on the tokens API callers present)
 */
public record TokenCacheLookedUp(String cache, boolean hit) {

    public static final String APP = "app";
    public static final String ON_BEHALF_OF = "on-behalf-of";
    public static final String BEARER = "bearer";

    /** The same few values every time: nothing is allocated per lookup. */
    public static TokenCacheLookedUp of(String cache, boolean hit) {
        return switch (cache) {
            case APP -> hit ? APP_HIT : APP_MISS;
            case ON_BEHALF_OF -> hit ? ON_BEHALF_OF_HIT : ON_BEHALF_OF_MISS;
            case BEARER -> hit ? BEARER_HIT : BEARER_MISS;
            default -> throw new IllegalArgumentException("no token cache " + cache);
        };
    }

    private static final TokenCacheLookedUp APP_HIT = new TokenCacheLookedUp(APP, true);
    private static final TokenCacheLookedUp APP_MISS = new TokenCacheLookedUp(APP, false);
    private static final TokenCacheLookedUp ON_BEHALF_OF_HIT = new TokenCacheLookedUp(ON_BEHALF_OF, true);
    private static final TokenCacheLookedUp ON_BEHALF_OF_MISS = new TokenCacheLookedUp(ON_BEHALF_OF, false);
    private static final TokenCacheLookedUp BEARER_HIT = new TokenCacheLookedUp(BEARER, true);
    private static final TokenCacheLookedUp BEARER_MISS = new TokenCacheLookedUp(BEARER, false);
}
