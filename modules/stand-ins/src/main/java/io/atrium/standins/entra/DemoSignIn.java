package io.atrium.standins.entra;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.Nonce;

import io.atrium.standins.Truststores;

/**
 * Signs a demo account in at the Entra ID stand-in through the authorization-code flow with PKCE, doing what a browser
 * and Atrium do together, for tests that need the tokens of a real sign-in without running either.
 */
public final class DemoSignIn {

    /** Where the code is "delivered"; the mock does not check redirect URIs, and nothing listens there. */
    private static final String REDIRECT_URI = "http://localhost/auth/callback";
    private static final String SCOPES = "openid profile email offline_access";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EntraStandIn entra;
    private final String authority;
    private final HttpClient http;

    private DemoSignIn(EntraStandIn entra, String authority) {
        this.entra = entra;
        this.authority = authority;
        this.http = HttpClient.newBuilder()
                .sslContext(Truststores.trusting(entra.truststore(), entra.truststorePassword()))
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    public static DemoSignIn at(EntraStandIn entra) {
        return new DemoSignIn(entra, entra.issuer());
    }

    /**
     * Sign-in through Entra's multi-tenant authority ({@code organizations}), where accounts of other tenants sign in
     * too ({@link DemoAccount#OTHER_TENANTS}), each token from its own tenant's issuer.
     */
    public static DemoSignIn multiTenantAt(EntraStandIn entra) {
        return new DemoSignIn(entra, entra.authorityHost() + "/" + EntraStandIn.MULTI_TENANT_AUTHORITY + "/v2.0");
    }

    /** The tokens the stand-in's token endpoint issues when {@code account} signs in with Atrium's usual scopes. */
    public Tokens tokensFor(DemoAccount account) throws IOException {
        return tokensFor(account, null);
    }

    /** As {@link #tokensFor(DemoAccount)}, with the {@code claims} parameter an app sends to answer a claims challenge. */
    public Tokens tokensFor(DemoAccount account, String claims) throws IOException {
        CodeVerifier verifier = new CodeVerifier();
        Map<String, String> query = new LinkedHashMap<>();
        query.put("client_id", entra.clientId());
        query.put("response_type", "code");
        query.put("redirect_uri", REDIRECT_URI);
        query.put("scope", SCOPES);
        query.put("state", new State().getValue());
        query.put("nonce", new Nonce().getValue());
        query.put("code_challenge", CodeChallenge.compute(CodeChallengeMethod.S256, verifier).getValue());
        query.put("code_challenge_method", "S256");
        if (claims != null) {
            query.put("claims", claims);
        }
        URI authorize = URI.create(authority + "/authorize?" + form(query));

        HttpResponse<String> chosen = send(HttpRequest.newBuilder(authorize)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", account.username())))));
        String code = chosen.headers().firstValue("Location")
                .flatMap(location -> parameter(URI.create(location), "code"))
                .orElseThrow(() -> new IOException("The Entra ID stand-in gave no code for " + account.username()
                        + ": HTTP " + chosen.statusCode() + " " + chosen.body()));

        Map<String, String> redeem = new LinkedHashMap<>();
        redeem.put("grant_type", "authorization_code");
        redeem.put("code", code);
        redeem.put("redirect_uri", REDIRECT_URI);
        redeem.put("code_verifier", verifier.getValue());
        String basic = Base64.getEncoder().encodeToString(
                (entra.clientId() + ":" + entra.clientSecret()).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> tokens = send(HttpRequest.newBuilder(URI.create(authority + "/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(redeem))));
        if (tokens.statusCode() != 200) {
            throw new IOException("The Entra ID stand-in refused the code: HTTP " + tokens.statusCode() + " "
                    + tokens.body());
        }
        JsonNode answer = JSON.readTree(tokens.body());
        return new Tokens(answer.path("id_token").asText(), answer.path("access_token").asText(),
                answer.path("refresh_token").asText(null));
    }

    /**
     * An application's own access token for Atrium's API (client credentials at the tenant's v2 token endpoint, as
     * Prometheus' {@code oauth2} scrape setting asks for it); the stand-in accepts any secret.
     */
    public String appTokenFor(String clientId) throws IOException {
        Map<String, String> request = new LinkedHashMap<>();
        request.put("grant_type", "client_credentials");
        request.put("client_id", clientId);
        request.put("client_secret", "a-secret-of-" + clientId);
        request.put("scope", "api://" + entra.clientId() + "/.default");
        HttpResponse<String> token = send(HttpRequest.newBuilder(URI.create(entra.tokenEndpoint()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(request))));
        if (token.statusCode() != 200) {
            throw new IOException("The Entra ID stand-in refused client credentials for " + clientId + ": HTTP "
                    + token.statusCode() + " " + token.body());
        }
        return JSON.readTree(token.body()).path("access_token").asText();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
        try {
            return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while signing in at the Entra ID stand-in", e);
        }
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static Optional<String> parameter(URI uri, String name) {
        return Optional.ofNullable(uri.getRawQuery()).stream()
                .flatMap(query -> Arrays.stream(query.split("&")))
                .map(pair -> pair.split("=", 2))
                .filter(pair -> pair.length == 2 && pair[0].equals(name))
                .map(pair -> URLDecoder.decode(pair[1], StandardCharsets.UTF_8))
                .findFirst();
    }

    /** The compact serialisations of the ID token and the access token, and the refresh token if one was issued. */
    public record Tokens(String idToken, String accessToken, String refreshToken) {

        @Override
        public String toString() {
            return "Tokens[not shown]";
        }
    }
}
