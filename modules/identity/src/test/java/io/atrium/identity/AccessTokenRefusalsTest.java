package io.atrium.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONArrayUtils;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import io.atrium.identity.internal.outbound.EntraAccessTokens;
import io.atrium.identity.internal.outbound.SettingsFromEnvironment;
import io.atrium.standins.LocalPorts;
import io.atrium.standins.SharedFixtures;
import io.atrium.standins.entra.DemoAccount;
import io.atrium.standins.entra.EntraStandIn;

/**
 * Entra's refusals, as recorded in Microsoft's documentation and MSAL's tests ({@code shared/fixtures/token-flows}),
 * answered to the real azure-identity by a scripted token endpoint.
 */
class AccessTokenRefusalsTest {

    private static final String TENANT_ID = EntraStandIn.TENANT_ID;

    @Test
    void interaction_required_on_behalf_of_an_employee_carries_entras_claims_challenge_to_the_caller() throws Exception {
        Map<String, Object> fixture = JSONObjectUtils.getJSONObject(fixture("token-flows/obo-entra-docs-examples.json"),
                "error_response_interaction_required");
        Map<String, Object> body = JSONObjectUtils.getJSONObject(fixture, "body");
        try (ScriptedTokenEndpoint entra = new ScriptedTokenEndpoint(400, JSONObjectUtils.toJSONString(body))) {

            AccessTokenUnavailableException refusal = onBehalfOfErin(entra);

            String claims = (String) body.get("claims");
            assertThat(refusal.interactionRequired()).isTrue();
            assertThat(refusal.entraError()).hasValue("interaction_required");
            assertThat(refusal.entraErrorCode()).hasValue("AADSTS50079");
            assertThat(refusal.claimsChallenge()).hasValue(claims);
            assertThat(refusal.wwwAuthenticate()).hasValue("Bearer realm=\"\", authorization_uri=\""
                    + entra.authorityHost() + "/" + TENANT_ID + "/oauth2/v2.0/authorize\", error=\"insufficient_claims\", "
                    + "claims=\"" + Base64.getEncoder().encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "\"");
            assertThat(refusal.getMessage()).contains("AADSTS50079", "multifactor authentication");
        }
    }

    @Test
    void invalid_grant_with_the_basic_action_suberror_needs_the_employee_to_sign_in_again() throws Exception {
        Map<String, Object> fixture = msalFixture(0);
        try (ScriptedTokenEndpoint entra = new ScriptedTokenEndpoint(400, bodyOf(fixture))) {

            AccessTokenUnavailableException refusal = onBehalfOfErin(entra);

            assertThat(refusal.interactionRequired()).isTrue();
            assertThat(refusal.entraError()).hasValue("invalid_grant");
            assertThat(refusal.claimsChallenge()).hasValue((String) JSONObjectUtils.getJSONObject(fixture, "body").get("claims"));
            assertThat(refusal.wwwAuthenticate()).isPresent();
        }
    }

    @Test
    void invalid_grant_with_the_client_mismatch_suberror_is_not_put_to_the_employee() throws Exception {
        Map<String, Object> fixture = msalFixture(1);
        try (ScriptedTokenEndpoint entra = new ScriptedTokenEndpoint(400, bodyOf(fixture))) {

            AccessTokenUnavailableException refusal = onBehalfOfErin(entra);

            assertThat(refusal.interactionRequired()).isFalse();
            assertThat(refusal.entraError()).hasValue("invalid_grant");
            assertThat(refusal.claimsChallenge()).isPresent();
            assertThat(refusal.wwwAuthenticate()).isEmpty();
        }
    }

    @Test
    void an_invalid_scope_for_an_application_token_is_refused_with_entras_code() throws Exception {
        Map<String, Object> fixture = JSONObjectUtils.getJSONObject(
                fixture("token-flows/client-credentials-entra-docs-examples.json"), "error_response");
        try (ScriptedTokenEndpoint entra = new ScriptedTokenEndpoint(400, bodyOf(fixture))) {

            AccessTokenUnavailableException refusal = catchThrowableOfType(
                    () -> accessTokens(entra.authorityHost()).forApp("https://foo.microsoft.com/.default"),
                    AccessTokenUnavailableException.class);

            assertThat(refusal.entraError()).hasValue("invalid_scope");
            assertThat(refusal.entraErrorCode()).hasValue("AADSTS70011");
            assertThat(refusal.interactionRequired()).isFalse();
            assertThat(refusal.wwwAuthenticate()).isEmpty();
        }
    }

    @Test
    void a_refusal_is_not_cached_so_the_next_call_asks_entra_again() throws Exception {
        Map<String, Object> fixture = JSONObjectUtils.getJSONObject(
                fixture("token-flows/client-credentials-entra-docs-examples.json"), "error_response");
        try (ScriptedTokenEndpoint entra = new ScriptedTokenEndpoint(400, bodyOf(fixture))) {
            AccessTokens tokens = accessTokens(entra.authorityHost());

            catchThrowableOfType(() -> tokens.forApp("api://reports/.default"), AccessTokenUnavailableException.class);
            catchThrowableOfType(() -> tokens.forApp("api://reports/.default"), AccessTokenUnavailableException.class);

            assertThat(entra.requests()).isEqualTo(2);
        }
    }

    @Test
    void an_unreachable_entra_is_no_answer_rather_than_a_refusal() {
        AccessTokens tokens = accessTokens("https://localhost:" + LocalPorts.free());

        AccessTokenUnavailableException failure = catchThrowableOfType(() -> tokens.forApp("api://reports/.default"),
                AccessTokenUnavailableException.class);

        assertThat(failure.entraError()).isEmpty();
        assertThat(failure.interactionRequired()).isFalse();
        assertThat(failure.getMessage()).startsWith("Entra ID could not be asked for a token");
    }

    private static AccessTokenUnavailableException onBehalfOfErin(ScriptedTokenEndpoint entra) throws Exception {
        EmployeeToken erin = new EmployeeToken(TENANT_ID, DemoAccount.ERIN.oid(), accessTokenOf(DemoAccount.ERIN));
        return catchThrowableOfType(() -> accessTokens(entra.authorityHost()).onBehalfOf(erin, "api://reports/Reports.Read"),
                AccessTokenUnavailableException.class);
    }

    private static AccessTokens accessTokens(String authorityHost) {
        return new EntraAccessTokens(SettingsFromEnvironment.of(Map.of("ATRIUM_APP_CREDENTIAL", "client-secret",
                "AZURE_AUTHORITY_HOST", authorityHost, "AZURE_TENANT_ID", TENANT_ID,
                "AZURE_CLIENT_ID", EntraStandIn.CLIENT_ID, "AZURE_CLIENT_SECRET", EntraStandIn.CLIENT_SECRET)));
    }

    /** An access token for Atrium as Entra would issue it to the employee; the scripted endpoint does not read it. */
    private static String accessTokenOf(DemoAccount account) throws Exception {
        Date now = new Date();
        SignedJWT token = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), new JWTClaimsSet.Builder()
                .issuer("https://login.microsoftonline.com/" + TENANT_ID + "/v2.0").audience(EntraStandIn.CLIENT_ID)
                .subject(account.subject()).claim("tid", TENANT_ID).claim("oid", account.oid())
                .claim("scp", EntraStandIn.API_SCOPE).issueTime(now).expirationTime(new Date(now.getTime() + 3_600_000))
                .build());
        token.sign(new RSASSASigner(new RSAKeyGenerator(2048).generate()));
        return token.serialize();
    }

    private static Map<String, Object> fixture(String path) throws Exception {
        return JSONObjectUtils.parse(Files.readString(SharedFixtures.file(path)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> msalFixture(int index) throws Exception {
        List<Object> fixtures = JSONArrayUtils.parse(
                Files.readString(SharedFixtures.file("token-flows/msal4j-token-endpoint-error-fixtures.json")));
        return (Map<String, Object>) fixtures.get(index);
    }

    private static String bodyOf(Map<String, Object> fixture) throws Exception {
        return JSONObjectUtils.toJSONString(JSONObjectUtils.getJSONObject(fixture, "body"));
    }
}
