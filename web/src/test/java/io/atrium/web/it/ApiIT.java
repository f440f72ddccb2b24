package io.atrium.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;

import io.atrium.identity.ClaimsChallenge;
import io.atrium.standins.entra.DemoAccount;
import io.atrium.standins.entra.EntraStandIn;

/** Atrium's REST API with Entra bearer tokens: 200 for the right caller, 401 and 403 per RFC 6750 for the rest. */
@AtriumIT
class ApiIT extends AtriumDeployment {

    @Test
    void an_employees_access_token_from_a_real_sign_in_shows_who_they_are_and_their_roles() throws Exception {
        HttpResponse<String> answer = get("/api/v1/me", tokenOf(DemoAccount.ERIN));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("\"kind\":\"employee\"")
                .contains("\"objectId\":\"" + DemoAccount.ERIN.oid() + "\"")
                .contains("\"username\":\"" + DemoAccount.ERIN.upn() + "\"")
                .contains("\"roles\":[\"employee\"]")
                .contains("\"scopes\":[\"access_as_user\"]");
    }

    @Test
    void without_a_token_the_api_answers_401_with_a_bare_bearer_challenge_and_never_redirects() {
        HttpResponse<String> answer = get("/api/v1/me", null);

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"atrium\"");
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(answer.body()).contains("\"status\":401").contains("Authorization: Bearer");
    }

    @Test
    void an_expired_token_is_refused_with_401_invalid_token() {
        assertInvalidToken(entra().mint(employeeClaims(DemoAccount.ERIN), Duration.ofHours(-1)));
    }

    @Test
    void a_token_for_another_audience_is_refused_with_401() {
        Map<String, Object> claims = employeeClaims(DemoAccount.ERIN);
        claims.put("aud", "api://another-application");
        assertInvalidToken(entra().mint(claims, Duration.ofMinutes(30)));
    }

    @Test
    void a_token_from_another_issuer_is_refused_with_401() {
        Map<String, Object> claims = employeeClaims(DemoAccount.ERIN);
        claims.put("iss", "https://login.microsoftonline.com/" + entra().tenantId() + "/v2.0");
        assertInvalidToken(entra().mint(claims, Duration.ofMinutes(30)));
    }

    @Test
    void a_token_with_a_bad_signature_is_refused_with_401() throws Exception {
        String token = tokenOf(DemoAccount.ERIN);
        String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertInvalidToken(tampered);
    }

    @Test
    void an_unsigned_alg_none_token_is_refused_with_401() {
        assertInvalidToken(new PlainJWT(new JWTClaimsSet.Builder(claimsOf(employeeClaims(DemoAccount.ERIN)))
                .issuer(entra().issuer()).build()).serialize());
    }

    @Test
    void garbage_is_refused_with_401() {
        assertInvalidToken("not-a-token");
    }

    @Test
    void an_entra_v1_token_is_refused_while_v1_tokens_are_not_enabled() {
        Map<String, Object> claims = employeeClaims(DemoAccount.ERIN);
        claims.put("iss", "https://sts.windows.net/" + EntraStandIn.TENANT_ID + "/");
        claims.put("ver", "1.0");
        claims.remove("azp");
        claims.put("appid", EntraStandIn.CLIENT_ID);

        assertInvalidToken(entra().mint(claims, Duration.ofMinutes(30)));
    }

    @Test
    void a_token_without_atriums_scope_is_refused_with_403_insufficient_scope() {
        Map<String, Object> claims = employeeClaims(DemoAccount.ERIN);
        claims.put("scp", "User.Read");

        HttpResponse<String> answer = get("/api/v1/me", entra().mint(claims, Duration.ofMinutes(30)));

        assertInsufficientScope(answer);
        assertThat(answer.body()).contains("access_as_user");
    }

    @Test
    void a_token_from_a_client_not_on_the_allow_list_is_refused_with_403() {
        Map<String, Object> claims = employeeClaims(DemoAccount.ERIN);
        claims.put("azp", "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a");

        assertInsufficientScope(get("/api/v1/me", entra().mint(claims, Duration.ofMinutes(30))));
    }

    @Test
    void an_employee_without_the_admin_role_is_refused_the_admin_api_with_403() throws Exception {
        assertInsufficientScope(get("/api/v1/admin/users", tokenOf(DemoAccount.ERIN)));
    }

    @Test
    void an_admin_lists_the_users_atrium_has_recorded() throws Exception {
        new ScriptedBrowser(AtriumStack.peers()).signIn(atrium(), "erin");

        HttpResponse<String> answer = get("/api/v1/admin/users?limit=200", tokenOf(DemoAccount.ADAM));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("\"objectId\":\"" + DemoAccount.ERIN.oid() + "\"");
    }

    @Test
    void an_allowed_background_application_with_the_admin_app_role_may_call_the_admin_api_on_its_own() {
        String appToken = entra().mint(new HashMap<>(Map.of("aud", entra().clientId(),
                "azp", AtriumStack.DAEMON_CLIENT_ID, "tid", entra().tenantId(), "oid", "0f1e2d3c-4b5a-4697-8877-665544332211",
                "sub", "0f1e2d3c-4b5a-4697-8877-665544332211", "idtyp", "app", "roles", List.of("admin"), "ver", "2.0")),
                Duration.ofMinutes(30));

        assertThat(get("/api/v1/admin/users", appToken).statusCode()).isEqualTo(200);
        HttpResponse<String> me = get("/api/v1/me", appToken);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).contains("\"kind\":\"application\"").contains("\"roles\":[\"admin\"]");
    }

    @Test
    void a_page_size_out_of_range_is_a_400_not_a_500() throws Exception {
        assertThat(get("/api/v1/admin/users?limit=0", tokenOf(DemoAccount.ADAM)).statusCode()).isEqualTo(400);
    }

    @Test
    void an_unknown_status_filter_is_a_400_that_names_the_statuses() throws Exception {
        HttpResponse<String> answer = get("/api/v1/admin/users?status=gone", tokenOf(DemoAccount.ADAM));
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("status must be 'active' or 'disabled'");
    }

    @Test
    void an_employee_disabled_in_atrium_is_refused_with_403_even_with_a_valid_token() {
        new ScriptedBrowser(AtriumStack.peers()).signIn(atrium(), "olivia");
        Database.execute("UPDATE app_user SET status = 'disabled' WHERE object_id = ?", DemoAccount.OLIVIA.oid());
        try {
            // A freshly minted token: Atrium may reuse its answer for a token it has seen for up to 30 seconds.
            assertInsufficientScope(get("/api/v1/me", entra().mint(employeeClaims(DemoAccount.OLIVIA), Duration.ofMinutes(30))));
        } finally {
            Database.execute("UPDATE app_user SET status = 'active' WHERE object_id = ?", DemoAccount.OLIVIA.oid());
        }
    }

    @Test
    void a_disabled_employees_cae_capable_client_hears_a_claims_challenge_for_a_newer_token() {
        new ScriptedBrowser(AtriumStack.peers()).signIn(atrium(), "olivia");
        Database.execute("UPDATE app_user SET status = 'disabled' WHERE object_id = ?", DemoAccount.OLIVIA.oid());
        try {
            Map<String, Object> claims = employeeClaims(DemoAccount.OLIVIA);
            claims.put("xms_cc", List.of("cp1"));
            long disabledBy = Instant.now().getEpochSecond();

            HttpResponse<String> answer = get("/api/v1/me", entra().mint(claims, Duration.ofMinutes(30)));

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(401);
            String challenge = answer.headers().firstValue("WWW-Authenticate").orElseThrow();
            assertThat(challenge).contains("error=\"insufficient_claims\"")
                    .contains("authorization_uri=\"" + entra().issuer().replace("/v2.0", "/oauth2/v2.0/authorize"));
            assertThat(ClaimsChallenge.claimsOf(challenge)).hasValueSatisfying(json -> assertThat(json)
                    .startsWith("{\"access_token\":{\"nbf\":{\"essential\":true,\"value\":\""));
            long notBefore = Long.parseLong(ClaimsChallenge.claimsOf(challenge).orElseThrow().replaceAll("\\D", ""));
            assertThat(notBefore).isBetween(disabledBy - 1, disabledBy + 60);
            assertThat(answer.body()).contains("disabled").doesNotContain("Exception");
        } finally {
            Database.execute("UPDATE app_user SET status = 'active' WHERE object_id = ?", DemoAccount.OLIVIA.oid());
        }
    }

    private void assertInvalidToken(String token) {
        HttpResponse<String> answer = get("/api/v1/me", token);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(401);
        assertThat(answer.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(challenge ->
                assertThat(challenge).startsWith("Bearer").contains("error=\"invalid_token\""));
        assertThat(answer.body()).contains("\"status\":401").doesNotContain("Exception");
    }

    private static void assertInsufficientScope(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(403);
        assertThat(answer.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(challenge ->
                assertThat(challenge).contains("error=\"insufficient_scope\""));
        assertThat(answer.body()).contains("\"status\":403");
    }

    private static Map<String, Object> employeeClaims(DemoAccount account) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("aud", EntraStandIn.CLIENT_ID);
        claims.put("azp", EntraStandIn.CLIENT_ID);
        claims.put("tid", EntraStandIn.TENANT_ID);
        claims.put("oid", account.oid());
        claims.put("sub", account.subject());
        claims.put("preferred_username", account.upn());
        claims.put("name", account.displayName());
        claims.put("scp", EntraStandIn.API_SCOPE);
        claims.put("roles", account.roles());
        claims.put("ver", "2.0");
        return claims;
    }

    private static JWTClaimsSet claimsOf(Map<String, Object> claims) {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
        claims.forEach(builder::claim);
        return builder.build();
    }

    private static EntraStandIn entra() {
        return AtriumStack.peers().entra();
    }

    private HttpResponse<String> get(String path, String bearerToken) {
        return ApiCalls.get(atrium().resolve(path), bearerToken);
    }

    private static String tokenOf(DemoAccount account) {
        return ApiCalls.tokenOf(account);
    }
}
