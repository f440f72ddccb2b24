package io.atrium.standins.openai;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.nimbusds.jwt.JWTClaimsSet;
import com.sun.net.httpserver.Headers;

import io.atrium.standins.CriticalEvents;
import io.atrium.standins.tokens.EntraAccessTokenCheck;
import io.atrium.standins.tokens.TrustedIssuer;

/**
 * Accepts only Entra access tokens, as an Azure OpenAI resource with key authentication disabled does: a token the
 * shared {@link EntraAccessTokenCheck} accepts for Cognitive Services ({@code aud https://cognitiveservices.azure.com}).
 * A request that also carries an {@code api-key} is refused: a client in token mode must not leak the key it was not
 * asked for.
 */
final class EntraTokenCheck implements CredentialCheck {

    static final String COGNITIVE_SERVICES = "https://cognitiveservices.azure.com";

    private final EntraAccessTokenCheck tokens;
    private final CriticalEvents criticalEvents;
    private final Queue<String> callers = new ConcurrentLinkedQueue<>();

    private EntraTokenCheck(EntraAccessTokenCheck tokens, Clock clock) {
        this.tokens = tokens;
        String issuer = tokens.issuer();
        String tenantRoot = issuer.endsWith("/v2.0") ? issuer.substring(0, issuer.length() - "/v2.0".length()) : issuer;
        this.criticalEvents = new CriticalEvents(tenantRoot + "/oauth2/v2.0/authorize", clock);
    }

    /** Reads the issuer's metadata now: a stand-in that cannot learn the keys fails to start, not to accept tokens. */
    static EntraTokenCheck trusting(TrustedIssuer trusted, Clock clock) {
        return new EntraTokenCheck(EntraAccessTokenCheck.trusting(trusted, Set.of(COGNITIVE_SERVICES), clock), clock);
    }

    @Override
    public Optional<AzureError> refusal(Headers requestHeaders) {
        if (requestHeaders.containsKey("api-key")) {
            return Optional.of(AzureError.unexpectedApiKey());
        }
        JWTClaimsSet claims;
        try {
            claims = tokens.claims(requestHeaders.getFirst("Authorization"));
        } catch (EntraAccessTokenCheck.Refused refused) {
            // Azure OpenAI gives one answer, whichever check failed.
            return Optional.of(AzureError.invalidToken());
        }
        Optional<String> challenge = criticalEvents.challenge(claims);
        if (challenge.isPresent()) {
            return Optional.of(AzureError.claimsChallenge(challenge.get()));
        }
        Object oid = claims.getClaim("oid");
        callers.add(oid instanceof String id ? id : "");
        return Optional.empty();
    }

    CriticalEvents criticalEvents() {
        return criticalEvents;
    }

    /** The {@code oid} of every accepted token, oldest first. */
    List<String> callers() {
        return List.copyOf(callers);
    }
}
