package io.atrium.standins.entra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.text.ParseException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;

import io.atrium.standins.SharedFixtures;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.Route;
import okhttp3.Headers;

/**
 * Entra's claims challenge during the on-behalf-of flow: a Conditional Access policy (multi-factor authentication, say)
 * that the employee's sign-in has not met yet. While an employee is challenged, every on-behalf-of request with one of
 * their access tokens issued before they signed in again with the challenge's claims is refused with Entra's documented
 * {@code interaction_required} answer (Microsoft's example in {@code shared/fixtures/token-flows}), carrying the claims
 * to ask for. A sign-in whose authorization request names those claims meets the policy.
 *
 * <p>Routed ahead of the mock's own handler: it answers only the requests it refuses, and watches the authorization
 * requests go by for the {@code claims} parameter.
 */
final class ClaimsChallenges implements Route {

    private static final String ON_BEHALF_OF = "on_behalf_of";

    /** Challenged employees by oid: the claims asked for, and when a sign-in last asked for them (null: not yet). */
    private final Map<String, Challenge> challenged = new ConcurrentHashMap<>();
    private final List<String> claimsAskedAtSignIn = new CopyOnWriteArrayList<>();
    private final Map<String, Object> refusalTemplate = entraRefusal();

    /** @param meetable false for a policy no sign-in meets, as when the employee cannot do what it demands */
    void challenge(String oid, String claims, boolean meetable) {
        challenged.put(Objects.requireNonNull(oid, "oid"),
                new Challenge(Objects.requireNonNull(claims, "claims"), meetable, null));
    }

    void clear(String oid) {
        challenged.remove(oid);
    }

    List<String> claimsAskedAtSignIn() {
        return List.copyOf(claimsAskedAtSignIn);
    }

    @Override
    public boolean match(OAuth2HttpRequest request) {
        String path = request.getUrl().encodedPath();
        if (path.endsWith("/authorize")) {
            noteSignIn(request.getUrl().queryParameter("claims"));
            return false;
        }
        if (!"POST".equals(request.getMethod()) || !path.endsWith("/oauth2/v2.0/token") || challenged.isEmpty()) {
            return false;
        }
        Map<String, String> form = request.getFormParameters().getMap();
        return ON_BEHALF_OF.equals(form.get("requested_token_use")) && refusalFor(form.get("assertion")) != null;
    }

    @Override
    public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
        Challenge challenge = refusalFor(request.getFormParameters().getMap().get("assertion"));
        Map<String, Object> body = new LinkedHashMap<>(refusalTemplate);
        body.put("claims", challenge.claims());
        return new OAuth2HttpResponse(Headers.of("Content-Type", "application/json;charset=UTF-8"), 400,
                JSONObjectUtils.toJSONString(body), null);
    }

    /** The challenge an assertion runs into, or null when its employee is not challenged or has met it since. */
    private Challenge refusalFor(String assertion) {
        if (assertion == null) {
            return null;
        }
        JWTClaimsSet claims;
        try {
            claims = JWTParser.parse(assertion).getJWTClaimsSet();
        } catch (ParseException e) {
            return null;
        }
        Object oid = claims.getClaim("oid");
        Challenge challenge = oid instanceof String id ? challenged.get(id) : null;
        if (challenge == null) {
            return null;
        }
        boolean issuedAfterMeetingIt = challenge.metAt() != null && claims.getIssueTime() != null
                && !claims.getIssueTime().toInstant().isBefore(challenge.metAt());
        return issuedAfterMeetingIt ? null : challenge;
    }

    /** Who signs in is known only later, at the login page: a sign-in asking for the claims meets every such challenge. */
    private void noteSignIn(String claims) {
        if (claims == null) {
            return;
        }
        claimsAskedAtSignIn.add(claims);
        // A token's iat has whole seconds: a token issued in the second the challenge was met counts as meeting it.
        Instant met = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        challenged.replaceAll((oid, challenge) -> challenge.meetable() && asksFor(claims, challenge.claims())
                ? new Challenge(challenge.claims(), true, met) : challenge);
    }

    /**
     * Whether a sign-in's claims request holds every claim of the challenge: clients add their own (the {@code cp1}
     * capability) beside what Entra asked for.
     */
    private static boolean asksFor(String asked, String challenge) {
        try {
            return contains(JSONObjectUtils.parse(asked), JSONObjectUtils.parse(challenge));
        } catch (ParseException e) {
            return asked.equals(challenge);
        }
    }

    private static boolean contains(Object asked, Object wanted) {
        if (wanted instanceof Map<?, ?> wantedMap) {
            return asked instanceof Map<?, ?> askedMap && wantedMap.entrySet().stream()
                    .allMatch(entry -> contains(askedMap.get(entry.getKey()), entry.getValue()));
        }
        return Objects.equals(asked, wanted);
    }

    private static Map<String, Object> entraRefusal() {
        try {
            String fixture = Files.readString(SharedFixtures.file("token-flows/obo-entra-docs-examples.json"),
                    StandardCharsets.UTF_8);
            return JSONObjectUtils.getJSONObject(JSONObjectUtils.getJSONObject(JSONObjectUtils.parse(fixture),
                    "error_response_interaction_required"), "body");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParseException e) {
            throw new IllegalStateException("token-flows/obo-entra-docs-examples.json is not JSON", e);
        }
    }

    private record Challenge(String claims, boolean meetable, Instant metAt) {
    }
}
