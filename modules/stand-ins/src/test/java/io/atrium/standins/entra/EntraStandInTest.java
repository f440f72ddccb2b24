package io.atrium.standins.entra;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;


import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;

import io.atrium.standins.Truststores;

class EntraStandInTest {

    private static final String REDIRECT_URI = "http://localhost:8080/Callback";

    @TempDir
    static Path workDirectory;

    private static EntraStandIn entra;
    private static HttpClient client;
    private static Map<String, Object> discovery;

    @BeforeAll
    static void start() throws Exception {
        entra = EntraStandIn.start(workDirectory, 0);
        client = HttpClient.newBuilder()
                .sslContext(Truststores.trusting(entra.truststore(), entra.truststorePassword())).build();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(entra.discoveryUrl())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        discovery = JSONObjectUtils.parse(response.body());
    }

    @AfterAll
    static void stop() {
        if (entra != null) {
            entra.close();
        }
    }

    @Test
    void discovery_names_the_tenant_issuer_on_localhost_as_entra_does() {
        assertThat(entra.discoveryUrl()).isEqualTo("https://localhost:" + entra.port() + "/"
                + EntraStandIn.TENANT_ID + "/v2.0/.well-known/openid-configuration");
        assertThat(discovery.get("issuer"))
                .isEqualTo("https://localhost:" + entra.port() + "/" + EntraStandIn.TENANT_ID + "/v2.0")
                .isEqualTo(entra.issuer());
    }

    @Test
    void discovery_advertises_sign_out_and_pkce_with_s256() throws Exception {
        assertThat((String) discovery.get("end_session_endpoint")).startsWith(entra.issuer());
        assertThat(JSONObjectUtils.getStringList(discovery, "code_challenge_methods_supported")).contains("S256");
    }

    @Test
    void login_page_offers_one_button_per_demo_account() throws Exception {
        HttpResponse<String> page = client.send(
                HttpRequest.newBuilder(authorizeUri(CodeChallenge.compute(CodeChallengeMethod.S256, new CodeVerifier())))
                        .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("<title>Entra ID stand-in &mdash; choose a demo account</title>")
                .contains("<form method=\"post\">")
                .contains("id=\"signin-erin\"", "Erin Employee", "id=\"signin-adam\"", "Adam Admin",
                        "id=\"signin-olivia\"", "Olivia Overage");
    }

    @Test
    void authorization_code_flow_with_pkce_gives_erin_an_entra_shaped_id_token() throws Exception {
        CodeVerifier verifier = new CodeVerifier();
        String code = signIn("erin", CodeChallenge.compute(CodeChallengeMethod.S256, verifier));

        HttpResponse<String> response = redeem(code, verifier.getValue());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        SignedJWT idToken = SignedJWT.parse((String) JSONObjectUtils.parse(response.body()).get("id_token"));
        assertThat(idToken.verify(new RSASSAVerifier(signingKey(idToken)))).isTrue();
        JWTClaimsSet claims = idToken.getJWTClaimsSet();
        DemoAccount erin = DemoAccount.ERIN;
        assertThat(claims.getIssuer()).isEqualTo(entra.issuer());
        assertThat(claims.getAudience()).containsExactly(EntraStandIn.CLIENT_ID);
        assertThat(claims.getSubject()).isEqualTo(erin.subject());
        assertThat(claims.getStringClaim("nonce")).isEqualTo("n-0S6_WzA2Mj");
        assertThat(claims.getStringClaim("tid")).isEqualTo(EntraStandIn.TENANT_ID);
        assertThat(claims.getStringClaim("oid")).isEqualTo(erin.oid());
        assertThat(claims.getStringClaim("preferred_username")).isEqualTo("erin@atrium.example");
        assertThat(claims.getStringClaim("name")).isEqualTo("Erin Employee");
        assertThat(claims.getStringListClaim("roles")).containsExactly("employee");
        assertThat(claims.getStringClaim("ver")).isEqualTo("2.0");
    }

    @Test
    void adam_signs_in_with_the_admin_role_in_his_access_token() throws Exception {
        CodeVerifier verifier = new CodeVerifier();
        String code = signIn("adam", CodeChallenge.compute(CodeChallengeMethod.S256, verifier));

        HttpResponse<String> response = redeem(code, verifier.getValue());

        JWTClaimsSet accessToken = SignedJWT.parse((String) JSONObjectUtils.parse(response.body()).get("access_token"))
                .getJWTClaimsSet();
        assertThat(accessToken.getStringClaim("oid")).isEqualTo(DemoAccount.ADAM.oid());
        assertThat(accessToken.getStringListClaim("roles")).containsExactly("employee", "admin");
        assertThat(accessToken.getAudience()).containsExactly(EntraStandIn.CLIENT_ID);
        assertThat(accessToken.getStringClaim("scp")).isEqualTo(EntraStandIn.API_SCOPE);
        assertThat(accessToken.getStringClaim("azp")).isEqualTo(EntraStandIn.CLIENT_ID);
    }

    @Test
    void adams_groups_are_in_the_groups_claim_of_his_id_token() throws Exception {
        JWTClaimsSet claims = SignedJWT.parse(DemoSignIn.at(entra).tokensFor(DemoAccount.ADAM).idToken())
                .getJWTClaimsSet();

        assertThat(claims.getStringListClaim("groups"))
                .containsExactly(DemoAccount.ALL_EMPLOYEES_GROUP, DemoAccount.ATRIUM_ADMINS_GROUP);
        assertThat(claims.getClaim("_claim_names")).isNull();
    }

    @Test
    void roles_and_groups_changed_in_the_stand_in_reach_the_tokens_of_the_next_refresh_and_sign_in() throws Exception {
        DemoSignIn.Tokens signedIn = DemoSignIn.at(entra).tokensFor(DemoAccount.ADAM);
        entra.assignAppRoles(DemoAccount.ADAM, List.of("employee"));
        entra.assignGroups(DemoAccount.ADAM, List.of(DemoAccount.ALL_EMPLOYEES_GROUP));
        try {
            HttpResponse<String> refreshed = refresh(signedIn.refreshToken());
            assertThat(refreshed.statusCode()).isEqualTo(200);
            Map<String, Object> tokens = JSONObjectUtils.parse(refreshed.body());
            for (String token : List.of((String) tokens.get("id_token"), (String) tokens.get("access_token"))) {
                JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
                assertThat(claims.getStringListClaim("roles")).containsExactly("employee");
                assertThat(claims.getStringClaim("oid")).isEqualTo(DemoAccount.ADAM.oid());
            }
            JWTClaimsSet refreshedIdToken = SignedJWT.parse((String) tokens.get("id_token")).getJWTClaimsSet();
            assertThat(refreshedIdToken.getStringListClaim("groups")).containsExactly(DemoAccount.ALL_EMPLOYEES_GROUP);
            assertThat(SignedJWT.parse(DemoSignIn.at(entra).tokensFor(DemoAccount.ADAM).idToken()).getJWTClaimsSet()
                    .getStringListClaim("roles")).as("a new sign-in").containsExactly("employee");
        } finally {
            entra.assignAppRoles(DemoAccount.ADAM, DemoAccount.ADAM.roles());
            entra.assignGroups(DemoAccount.ADAM, DemoAccount.ADAM.groups());
        }
        assertThat(SignedJWT.parse(DemoSignIn.at(entra).tokensFor(DemoAccount.ADAM).idToken()).getJWTClaimsSet()
                .getStringListClaim("roles")).containsExactly("employee", "admin");
    }

    @Test
    void olivias_id_token_signals_group_overage_instead_of_listing_her_250_groups() throws Exception {
        DemoAccount olivia = DemoAccount.OLIVIA;

        JWTClaimsSet claims = SignedJWT.parse(DemoSignIn.at(entra).tokensFor(olivia).idToken()).getJWTClaimsSet();

        assertThat(olivia.groups()).hasSize(250).contains(DemoAccount.ATRIUM_ADMINS_GROUP)
                .hasSizeGreaterThan(EntraStandIn.GROUPS_IN_TOKEN_LIMIT);
        assertThat(claims.getClaim("groups")).isNull();
        assertThat(claims.getJSONObjectClaim("_claim_names")).isEqualTo(Map.of("groups", "src1"));
        assertThat(claims.getJSONObjectClaim("_claim_sources")).isEqualTo(Map.of("src1", Map.of("endpoint",
                "https://graph.windows.net/" + EntraStandIn.TENANT_ID + "/users/" + olivia.oid() + "/getMemberObjects")));
        assertThat(claims.getStringListClaim("roles")).containsExactly("employee");
    }

    @Test
    void a_scripted_sign_in_gets_tokens_signed_by_the_stand_in() throws Exception {
        DemoSignIn.Tokens tokens = DemoSignIn.at(entra).tokensFor(DemoAccount.ERIN);

        SignedJWT accessToken = SignedJWT.parse(tokens.accessToken());
        assertThat(accessToken.verify(new RSASSAVerifier(signingKey(accessToken)))).isTrue();
        assertThat(accessToken.getJWTClaimsSet().getIssuer()).isEqualTo(entra.issuer());
        assertThat(SignedJWT.parse(tokens.idToken()).getJWTClaimsSet().getStringClaim("oid"))
                .isEqualTo(DemoAccount.ERIN.oid());
        assertThat(tokens.toString()).doesNotContain(tokens.accessToken());
    }

    @Test
    void a_wrong_code_verifier_is_refused() throws Exception {
        String code = signIn("erin", CodeChallenge.compute(CodeChallengeMethod.S256, new CodeVerifier()));

        HttpResponse<String> response = redeem(code, new CodeVerifier().getValue());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSONObjectUtils.parse(response.body()).get("error")).isEqualTo("invalid_grant");
    }

    /** Entra refuses this; the mock does not, so a client's PKCE cannot be proven against the stand-in alone. */
    @Test
    void a_missing_code_verifier_is_not_refused_by_the_mock() throws Exception {
        String code = signIn("erin", CodeChallenge.compute(CodeChallengeMethod.S256, new CodeVerifier()));

        HttpResponse<String> response = redeem(code, null);

        assertThat(response.statusCode()).isEqualTo(200);
    }

    /** Entra checks the secret; the mock does not, so a wrong secret in configuration shows only against Entra. */
    @Test
    void any_client_secret_is_accepted_by_the_mock() throws Exception {
        CodeVerifier verifier = new CodeVerifier();
        String code = signIn("erin", CodeChallenge.compute(CodeChallengeMethod.S256, verifier));

        HttpResponse<String> response = redeem(code, verifier.getValue(), "not-the-secret");

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void the_certificate_is_reused_from_the_work_directory() throws Exception {
        byte[] before = Files.readAllBytes(entra.truststore());
        try (EntraStandIn again = EntraStandIn.start(workDirectory, 0)) {
            assertThat(again.truststore()).isEqualTo(entra.truststore());
            assertThat(Files.readAllBytes(again.truststore())).isEqualTo(before);
        }
    }

    @Test
    void the_multi_tenant_authority_serves_entras_issuer_template_and_each_tenants_own_tokens() throws Exception {
        String authority = "https://localhost:" + entra.port() + "/organizations/v2.0";
        Map<String, Object> metadata = JSONObjectUtils.parse(client.send(HttpRequest.newBuilder(
                URI.create(authority + "/.well-known/openid-configuration")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertThat(metadata).containsEntry("issuer", "https://localhost:" + entra.port() + "/{tenantid}/v2.0")
                .containsEntry("authorization_endpoint", authority + "/authorize")
                .containsEntry("jwks_uri", authority + "/jwks");
        JWKSet keys = JWKSet.parse(client.send(HttpRequest.newBuilder(URI.create(authority + "/jwks")).build(),
                HttpResponse.BodyHandlers.ofString()).body());

        for (Map.Entry<DemoAccount, String> account : Map.of(DemoAccount.ERIN, EntraStandIn.TENANT_ID,
                DemoAccount.PAT, EntraStandIn.PARTNER_TENANT_ID, DemoAccount.UNA, EntraStandIn.OUTSIDE_TENANT_ID)
                .entrySet()) {
            SignedJWT idToken = SignedJWT.parse(DemoSignIn.multiTenantAt(entra).tokensFor(account.getKey()).idToken());
            JWTClaimsSet claims = idToken.getJWTClaimsSet();
            assertThat(claims.getStringClaim("tid")).isEqualTo(account.getValue());
            assertThat(claims.getIssuer()).isEqualTo("https://localhost:" + entra.port() + "/" + account.getValue()
                    + "/v2.0");
            assertThat(claims.getStringClaim("oid")).isEqualTo(account.getKey().oid());
            assertThat(idToken.verify(new RSASSAVerifier(keys.getKeyByKeyId(idToken.getHeader().getKeyID())
                    .toRSAKey()))).as("signed with the keys the multi-tenant metadata names").isTrue();
        }
    }

    private static URI authorizeUri(CodeChallenge challenge) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("client_id", EntraStandIn.CLIENT_ID);
        query.put("response_type", "code");
        query.put("redirect_uri", REDIRECT_URI);
        query.put("scope", "openid profile email");
        query.put("state", "af0ifjsldkj");
        query.put("nonce", "n-0S6_WzA2Mj");
        query.put("code_challenge", challenge.getValue());
        query.put("code_challenge_method", "S256");
        return URI.create(discovery.get("authorization_endpoint") + "?" + form(query));
    }

    /** What the browser does: open the login page, press the account's button, follow the redirect's code. */
    private static String signIn(String username, CodeChallenge challenge) throws Exception {
        URI authorize = authorizeUri(challenge);
        HttpResponse<String> page = client.send(HttpRequest.newBuilder(authorize).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.body()).contains("id=\"signin-" + username + "\"");

        HttpResponse<String> submitted = client.send(HttpRequest.newBuilder(authorize)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", username)))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(submitted.statusCode()).isEqualTo(302);
        URI callback = URI.create(submitted.headers().firstValue("Location").orElseThrow());
        assertThat(callback.toString()).startsWith(REDIRECT_URI + "?");
        Map<String, String> parameters = query(callback);
        assertThat(parameters).containsEntry("state", "af0ifjsldkj");
        return parameters.get("code");
    }

    private static HttpResponse<String> refresh(String refreshToken) throws Exception {
        String basic = Base64.getEncoder().encodeToString(
                (EntraStandIn.CLIENT_ID + ":" + EntraStandIn.CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        return client.send(HttpRequest.newBuilder(URI.create((String) discovery.get("token_endpoint")))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "refresh_token",
                        "refresh_token", refreshToken)))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> redeem(String code, String codeVerifier) throws Exception {
        return redeem(code, codeVerifier, EntraStandIn.CLIENT_SECRET);
    }

    private static HttpResponse<String> redeem(String code, String codeVerifier, String clientSecret)
            throws Exception {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("grant_type", "authorization_code");
        body.put("code", code);
        body.put("redirect_uri", REDIRECT_URI);
        if (codeVerifier != null) {
            body.put("code_verifier", codeVerifier);
        }
        String basic = Base64.getEncoder().encodeToString(
                (EntraStandIn.CLIENT_ID + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
        return client.send(HttpRequest.newBuilder(URI.create((String) discovery.get("token_endpoint")))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(body))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static RSAKey signingKey(SignedJWT token) throws Exception {
        HttpResponse<String> jwks = client.send(
                HttpRequest.newBuilder(URI.create((String) discovery.get("jwks_uri"))).build(),
                HttpResponse.BodyHandlers.ofString());
        return JWKSet.parse(jwks.body()).getKeyByKeyId(token.getHeader().getKeyID()).toRSAKey();
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static Map<String, String> query(URI uri) {
        return Arrays.stream(uri.getRawQuery().split("&"))
                .map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(pair -> pair[0],
                        pair -> URLDecoder.decode(pair[1], StandardCharsets.UTF_8)));
    }

}
