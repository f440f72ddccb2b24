package io.atrium.standins.entra;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.Route;

/**
 * Counts the requests that reach a token endpoint, by {@code grant_type}, whatever the answer: what a token cache saves
 * is requests, so refused ones count too. Routed first and answers nothing itself.
 */
final class TokenRequests implements Route {

    private final Map<String, AtomicLong> byGrantType = new ConcurrentHashMap<>();

    @Override
    public boolean match(OAuth2HttpRequest request) {
        if ("POST".equals(request.getMethod()) && request.getUrl().encodedPath().endsWith("/token")) {
            String grantType = request.getFormParameters().getMap().getOrDefault("grant_type", "");
            byGrantType.computeIfAbsent(grantType, type -> new AtomicLong()).incrementAndGet();
        }
        return false;
    }

    @Override
    public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
        throw new IllegalStateException("TokenRequests only counts; it never matches");
    }

    long of(String grantType) {
        AtomicLong count = byGrantType.get(grantType);
        return count == null ? 0 : count.get();
    }

    Map<String, Long> all() {
        Map<String, Long> counts = new TreeMap<>();
        byGrantType.forEach((type, count) -> counts.put(type, count.get()));
        return counts;
    }
}
