package io.atrium.standins.graph;

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
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Set;

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
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import io.atrium.standins.Truststores;

/**
 * Accepts a bearer token as Graph does: an RS256 JWT signed with one of the trusted tenant's keys (found through its
 * OpenID metadata, over TLS), from its issuer, for Graph, not expired, naming a user by {@code oid}. Each refusal
 * carries Graph's 401 wording.
 */
final class AccessTokenCheck {

    /** Microsoft Graph's application id, the {@code aud} of Graph tokens in Entra's v2 format. */
    static final String GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";
    private static final String GRAPH_RESOURCE = "https://graph.microsoft.com";
    /** The first TLS request to a cold Entra stand-in took over 5 s on a 2-core machine at load 16. */
    private static final int TIMEOUT_MS = 30_000;

    private final String issuer;
    private final Set<String> audiences;
    private final DefaultJWTProcessor<SecurityContext> signatureCheck;
    private final Clock clock;

    private AccessTokenCheck(String issuer, Set<String> audiences, DefaultJWTProcessor<SecurityContext> signatureCheck,
                             Clock clock) {
        this.issuer = issuer;
        this.audiences = audiences;
        this.signatureCheck = signatureCheck;
        this.clock = clock;
    }

    /** Reads the issuer's metadata now: a stand-in that cannot learn the keys fails to start, not to accept tokens. */
    static AccessTokenCheck trusting(TrustedIssuer trusted, Clock clock) {
        SSLContext tls = Truststores.trusting(trusted.truststore(), trusted.truststorePassword());
        URL jwksUrl = jwksUrl(trusted.issuer(), tls);
        JWKSource<SecurityContext> keys = JWKSourceBuilder
                .create(jwksUrl, new DefaultResourceRetriever(TIMEOUT_MS, TIMEOUT_MS, 0, true, tls.getSocketFactory()))
                .retrying(true)
                .build();
        DefaultJWTProcessor<SecurityContext> signatureCheck = new DefaultJWTProcessor<>();
        signatureCheck.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        // The claims are checked below, one by one, to answer each failure with Graph's own words.
        signatureCheck.setJWTClaimsSetVerifier(null);
        return new AccessTokenCheck(trusted.issuer(), Set.of(GRAPH_APP_ID, GRAPH_RESOURCE, trusted.clientId()),
                signatureCheck, clock);
    }

    /** The object id of the user the {@code Authorization} header's token speaks for. */
    String userId(String authorization) throws GraphError.Refusal {
        if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith("bearer ")
                || authorization.substring("bearer ".length()).isBlank()) {
            throw new GraphError.Refusal(GraphError.emptyToken());
        }
        SignedJWT token;
        try {
            token = SignedJWT.parse(authorization.substring("bearer ".length()).strip());
        } catch (ParseException e) {
            throw new GraphError.Refusal(GraphError.unparsableToken());
        }
        JWTClaimsSet claims;
        try {
            claims = signatureCheck.process(token, null);
        } catch (BadJOSEException | JOSEException e) {
            throw new GraphError.Refusal(GraphError.invalidToken("Access token validation failure."));
        }
        if (!issuer.equals(claims.getIssuer())) {
            throw new GraphError.Refusal(GraphError.invalidToken("Access token validation failure. Invalid issuer."));
        }
        List<String> audience = claims.getAudience();
        if (audience == null || Collections.disjoint(audience, audiences)) {
            throw new GraphError.Refusal(GraphError.invalidToken("Access token validation failure. Invalid audience."));
        }
        Instant now = clock.instant();
        Date expires = claims.getExpirationTime();
        if (expires == null || !now.isBefore(expires.toInstant())) {
            throw new GraphError.Refusal(GraphError.invalidToken("Lifetime validation failed, the token is expired."));
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && now.isBefore(notBefore.toInstant())) {
            throw new GraphError.Refusal(
                    GraphError.invalidToken("Lifetime validation failed, the token is not yet valid."));
        }
        Object oid = claims.getClaim("oid");
        if (!(oid instanceof String userId) || userId.isBlank()) {
            throw new GraphError.Refusal(GraphError.invalidToken("Access token validation failure."));
        }
        return userId;
    }

    private static URL jwksUrl(String issuer, SSLContext tls) {
        URI discovery = URI.create(issuer + "/.well-known/openid-configuration");
        HttpClient http = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofMillis(TIMEOUT_MS)).build();
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(discovery)
                    .timeout(Duration.ofMillis(TIMEOUT_MS)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode() + " from " + discovery);
            }
            String jwks = new ObjectMapper().readTree(response.body()).path("jwks_uri").asText("");
            if (jwks.isEmpty()) {
                throw new IOException("no jwks_uri in " + discovery);
            }
            return URI.create(jwks).toURL();
        } catch (IOException e) {
            throw new UncheckedIOException("The Graph stand-in cannot learn the signing keys of " + issuer, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the metadata of " + issuer, e);
        }
    }
}
