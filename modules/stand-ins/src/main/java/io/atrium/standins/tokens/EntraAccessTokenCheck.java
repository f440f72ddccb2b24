package io.atrium.standins.tokens;

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
 * Checks an Entra access token as a Microsoft API does, for the stand-ins of Graph and Azure OpenAI alike: an RS256
 * JWT signed with one of the trusted tenant's keys (found through its OpenID metadata, over TLS), from its issuer, for
 * one of the API's audiences, within its lifetime. Each API words its refusals its own way, so a refusal names which
 * check failed and the stand-in answers it.
 */
public final class EntraAccessTokenCheck {

    /** Why a token was refused, in the order the checks run. */
    public enum Refusal {
        /** No {@code Authorization: Bearer} header, or an empty token. */
        MISSING,
        NOT_A_JWT,
        BAD_SIGNATURE,
        WRONG_ISSUER,
        WRONG_AUDIENCE,
        EXPIRED,
        NOT_YET_VALID
    }

    /** A token this check refuses. */
    public static final class Refused extends Exception {

        private static final long serialVersionUID = 1L;
        private final Refusal refusal;

        Refused(Refusal refusal) {
            super(refusal.name(), null, false, false);
            this.refusal = refusal;
        }

        public Refusal refusal() {
            return refusal;
        }
    }

    /** Generous: the Entra stand-in answers its first requests slowly while a loaded machine is still compiling it. */
    private static final int TIMEOUT_MS = 30_000;

    private final String issuer;
    private final Set<String> audiences;
    private final DefaultJWTProcessor<SecurityContext> signatureCheck;
    private final Clock clock;

    private EntraAccessTokenCheck(String issuer, Set<String> audiences,
                                  DefaultJWTProcessor<SecurityContext> signatureCheck, Clock clock) {
        this.issuer = issuer;
        this.audiences = audiences;
        this.signatureCheck = signatureCheck;
        this.clock = clock;
    }

    /**
     * Reads the issuer's metadata now: a stand-in that cannot learn the keys fails to start, not to accept tokens.
     *
     * @param audiences the {@code aud} values the API accepts, any one of them
     * @throws UncheckedIOException when the metadata cannot be read
     */
    public static EntraAccessTokenCheck trusting(TrustedIssuer trusted, Set<String> audiences, Clock clock) {
        SSLContext tls = Truststores.trusting(trusted.truststore(), trusted.truststorePassword());
        JWKSource<SecurityContext> keys = JWKSourceBuilder
                .create(jwksUrl(trusted.issuer(), tls),
                        new DefaultResourceRetriever(TIMEOUT_MS, TIMEOUT_MS, 0, true, tls.getSocketFactory()))
                .retrying(true)
                .build();
        DefaultJWTProcessor<SecurityContext> signatureCheck = new DefaultJWTProcessor<>();
        signatureCheck.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        // The claims are checked one by one below, so that each refusal can say which failed.
        signatureCheck.setJWTClaimsSetVerifier(null);
        return new EntraAccessTokenCheck(trusted.issuer(), Set.copyOf(audiences), signatureCheck, clock);
    }

    public String issuer() {
        return issuer;
    }

    /**
     * The claims of the token an {@code Authorization} header carries.
     *
     * @throws Refused when there is none, or it fails a check
     */
    public JWTClaimsSet claims(String authorization) throws Refused {
        if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith("bearer ")
                || authorization.substring("bearer ".length()).isBlank()) {
            throw new Refused(Refusal.MISSING);
        }
        SignedJWT token;
        try {
            token = SignedJWT.parse(authorization.substring("bearer ".length()).strip());
        } catch (ParseException e) {
            throw new Refused(Refusal.NOT_A_JWT);
        }
        JWTClaimsSet claims;
        try {
            claims = signatureCheck.process(token, null);
        } catch (BadJOSEException | JOSEException e) {
            throw new Refused(Refusal.BAD_SIGNATURE);
        }
        if (!issuer.equals(claims.getIssuer())) {
            throw new Refused(Refusal.WRONG_ISSUER);
        }
        List<String> audience = claims.getAudience();
        if (audience == null || Collections.disjoint(audience, audiences)) {
            throw new Refused(Refusal.WRONG_AUDIENCE);
        }
        Instant now = clock.instant();
        Date expires = claims.getExpirationTime();
        if (expires == null || !now.isBefore(expires.toInstant())) {
            throw new Refused(Refusal.EXPIRED);
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && now.isBefore(notBefore.toInstant())) {
            throw new Refused(Refusal.NOT_YET_VALID);
        }
        return claims;
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
            throw new UncheckedIOException("A stand-in cannot learn the signing keys of " + issuer, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the metadata of " + issuer, e);
        }
    }
}
