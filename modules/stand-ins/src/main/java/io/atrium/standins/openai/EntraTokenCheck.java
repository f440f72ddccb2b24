package io.atrium.standins.openai;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import javax.net.ssl.SSLContext;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.Headers;

import io.atrium.standins.CriticalEvents;
import io.atrium.standins.Truststores;
import io.atrium.standins.graph.TrustedIssuer;

/**
 * Accepts only Entra access tokens, as an Azure OpenAI resource with key authentication disabled does: an RS256 JWT
 * signed with one of the trusted tenant's keys (from its OpenID metadata, over TLS), from its issuer, for Cognitive
 * Services ({@code aud https://cognitiveservices.azure.com}), within its lifetime. A request that also carries an
 * {@code api-key} is refused: a client in token mode must not leak the key it was not asked for.
 */
final class EntraTokenCheck implements CredentialCheck {

    static final String COGNITIVE_SERVICES = "https://cognitiveservices.azure.com";
    /** Generous: the Entra stand-in answers its first requests slowly while a loaded machine is still compiling it. */
    private static final int TIMEOUT_MS = 30_000;

    private final String issuer;
    private final DefaultJWTProcessor signatureCheck;
    private final Clock clock;
    private final CriticalEvents criticalEvents;
    private final Queue<String> callers = new ConcurrentLinkedQueue<>();

    private EntraTokenCheck(String issuer, DefaultJWTProcessor signatureCheck, Clock clock) {
        this.issuer = issuer;
        this.signatureCheck = signatureCheck;
        this.clock = clock;
        String tenantRoot = issuer.endsWith("/v2.0") ? issuer.substring(0, issuer.length() - "/v2.0".length()) : issuer;
        this.criticalEvents = new CriticalEvents(tenantRoot + "/oauth2/v2.0/authorize", clock);
    }

    /** Reads the issuer's metadata now: a stand-in that cannot learn the keys fails to start, not to accept tokens. */
    static EntraTokenCheck trusting(TrustedIssuer trusted, Clock clock) {
        SSLContext tls = Truststores.trusting(trusted.truststore(), trusted.truststorePassword());
        JWKSource<SecurityContext> keys = JWKSourceBuilder
                .create(jwksUrl(trusted.issuer(), tls),
                        new DefaultResourceRetriever(TIMEOUT_MS, TIMEOUT_MS, 0, true, tls.getSocketFactory()))
                .retrying(true)
                .build();
        DefaultJWTProcessor signatureCheck = new DefaultJWTProcessor();
        signatureCheck.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        // Issuer, audience and lifetime are checked one by one below.
        signatureCheck.setJWTClaimsSetVerifier(null);
        return new EntraTokenCheck(trusted.issuer(), signatureCheck, clock);
    }

    @Override
    public Optional<AzureError> refusal(Headers requestHeaders) {
        if (requestHeaders.containsKey("api-key")) {
            return Optional.of(AzureError.unexpectedApiKey());
        }
        String authorization = requestHeaders.getFirst("Authorization");
        if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith("bearer ")) {
            return Optional.of(AzureError.invalidToken());
        }
        JWTClaimsSet claims;
        try {
            claims = signatureCheck.process(SignedJWT.parse(authorization.substring("bearer ".length()).strip()),
                    null);
        } catch (ParseException | BadJOSEException | JOSEException e) {
            return Optional.of(AzureError.invalidToken());
        }
        Instant now = clock.instant();
        Date expires = claims.getExpirationTime();
        Date notBefore = claims.getNotBeforeTime();
        List<String> audience = claims.getAudience();
        boolean valid = issuer.equals(claims.getIssuer())
                && audience != null && audience.contains(COGNITIVE_SERVICES)
                && expires != null && now.isBefore(expires.toInstant())
                && (notBefore == null || !now.isBefore(notBefore.toInstant()));
        if (!valid) {
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

    private static URL jwksUrl(String issuer, SSLContext tls) {
        URI discovery = URI.create(issuer + "/.well-known/openid-configuration");
        HttpClient http = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofMillis(TIMEOUT_MS)).build();
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(discovery)
                    .timeout(Duration.ofMillis(TIMEOUT_MS)).build(), HttpResponse.BodyHandlers.ofString());
            String jwks = response.statusCode() == 200
                    ? new ObjectMapper().readTree(response.body()).path("jwks_uri").asText("") : "";
            if (jwks.isEmpty()) {
                throw new IOException("no jwks_uri from " + discovery + " (HTTP " + response.statusCode() + ")");
            }
            return URI.create(jwks).toURL();
        } catch (IOException e) {
            throw new UncheckedIOException("The Azure OpenAI stand-in cannot learn the signing keys of " + issuer, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the metadata of " + issuer, e);
        }
    }

    /** Nimbus's processor, typed once here. */
    private static final class DefaultJWTProcessor
            extends com.nimbusds.jwt.proc.DefaultJWTProcessor<SecurityContext> {
    }
}
