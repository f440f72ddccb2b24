package io.atrium.identity;

import static io.atrium.identity.EntraTokens.DOWNSTREAM_API;
import static io.atrium.identity.EntraTokens.accessTokens;
import static io.atrium.identity.EntraTokens.claimsOf;
import static io.atrium.identity.EntraTokens.clientSecret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.nimbusds.jwt.JWTClaimsSet;

import io.atrium.standins.entra.EntraStandIn;

/** Application tokens from the Entra stand-in's token endpoint, through the real azure-identity over TLS. */
class AccessTokensForAppAgainstStandInTest {

    private static final String SCOPE = DOWNSTREAM_API + "/.default";

    @TempDir
    static Path directory;

    private static EntraStandIn entra;

    @BeforeAll
    static void start() throws Exception {
        entra = JvmTrustedEntra.start();
    }

    @AfterAll
    static void stop() {
        if (entra != null) {
            entra.close();
        }
    }

    @Test
    void a_client_secret_gets_an_application_token_with_entras_app_claims() throws Exception {
        JWTClaimsSet claims = claimsOf(accessTokens(entra, clientSecret(entra)).forApp(SCOPE));

        assertThat(claims.getIssuer()).isEqualTo(entra.issuer());
        assertThat(claims.getAudience()).containsExactly(DOWNSTREAM_API);
        assertThat(claims.getStringClaim("idtyp")).isEqualTo("app");
        assertThat(claims.getStringListClaim("roles")).containsExactly(EntraStandIn.APP_ROLE);
        assertThat(claims.getStringClaim("azp")).isEqualTo(entra.clientId());
        assertThat(claims.getStringClaim("oid")).isEqualTo(EntraStandIn.servicePrincipalId(entra.clientId()));
        assertThat(claims.getStringClaim("tid")).isEqualTo(entra.tenantId());
        assertThat(claims.getClaim("scp")).isNull();
    }

    @Test
    void ten_calls_for_the_same_scope_cost_one_token_request() {
        AccessTokens tokens = accessTokens(entra, clientSecret(entra));
        int before = entra.tokenEndpointTokensIssued();

        String first = tokens.forApp(SCOPE);
        for (int i = 0; i < 9; i++) {
            assertThat(tokens.forApp(SCOPE)).isEqualTo(first);
        }

        assertThat(entra.tokenEndpointTokensIssued()).isEqualTo(before + 1);
    }

    @Test
    void every_token_request_declares_the_cp1_capability_so_entra_issues_a_cae_token() throws Exception {
        JWTClaimsSet claims = claimsOf(accessTokens(entra, clientSecret(entra)).forApp("api://cae-capable/.default"));

        assertThat(claims.getStringListClaim("xms_cc")).containsExactly(ClaimsChallenge.CLIENT_CAPABILITY);
    }

    @Test
    void a_claims_challenge_gets_a_new_token_whatever_is_cached_and_later_calls_reuse_it() throws Exception {
        AccessTokens tokens = accessTokens(entra, clientSecret(entra));
        String scope = "api://revoking/.default";
        String first = tokens.forApp(scope);
        int before = entra.tokenEndpointTokensIssued();
        // iat has whole seconds: a challenge for tokens issued after the first one's second.
        Thread.sleep(1_100);
        String claims = "{\"access_token\":{\"nbf\":{\"essential\":true,\"value\":\""
                + System.currentTimeMillis() / 1000 + "\"}}}";

        String renewed = tokens.forApp(scope, claims);

        assertThat(renewed).isNotEqualTo(first);
        assertThat(entra.tokenEndpointTokensIssued()).isEqualTo(before + 1);
        assertThat(claimsOf(renewed).getIssueTime()).isAfter(claimsOf(first).getIssueTime());
        assertThat(tokens.forApp(scope)).isEqualTo(renewed);
        assertThat(entra.tokenEndpointTokensIssued()).isEqualTo(before + 1);
    }

    @Test
    void each_api_gets_a_token_of_its_own() throws Exception {
        AccessTokens tokens = accessTokens(entra, clientSecret(entra));

        String reports = tokens.forApp("api://reports/.default");
        String payments = tokens.forApp("api://payments/.default");

        assertThat(claimsOf(reports).getAudience()).containsExactly("api://reports");
        assertThat(claimsOf(payments).getAudience()).containsExactly("api://payments");
    }

    @Test
    void a_token_about_to_expire_is_replaced_by_a_fresh_one_before_it_lapses() throws Exception {
        Map<String, String> credential = new HashMap<>(clientSecret(entra));
        credential.put("ATRIUM_TOKEN_CACHE_REFRESH_MARGIN_SECONDS", "2");
        AccessTokens tokens = accessTokens(entra, credential);
        entra.tokenEndpointLifetime(Duration.ofSeconds(5));
        try {
            int before = entra.tokenEndpointTokensIssued();
            String first = tokens.forApp(SCOPE);
            assertThat(tokens.forApp(SCOPE)).isEqualTo(first);
            assertThat(entra.tokenEndpointTokensIssued()).isEqualTo(before + 1);

            String fresh = pollForAnotherToken(tokens, first);

            assertThat(entra.tokenEndpointTokensIssued()).isEqualTo(before + 2);
            // The fresh token came while the first was still valid.
            assertThat(claimsOf(first).getExpirationTime().getTime() - System.currentTimeMillis()).isPositive();
            assertThat(claimsOf(fresh).getExpirationTime()).isAfter(claimsOf(first).getExpirationTime());
        } finally {
            entra.tokenEndpointLifetime(Duration.ofHours(1));
        }
    }

    @Test
    void a_pkcs12_client_certificate_gets_a_token_through_a_signed_client_assertion() throws Exception {
        Path certificate = EntraTokens.pkcs12Certificate(directory);

        String token = accessTokens(entra, Map.of("ATRIUM_APP_CREDENTIAL", "client-certificate",
                "AZURE_CLIENT_CERTIFICATE_PATH", certificate.toString(),
                "AZURE_CLIENT_CERTIFICATE_PASSWORD", EntraTokens.CERTIFICATE_PASSWORD)).forApp(SCOPE);

        assertThat(claimsOf(token).getStringClaim("azpacr")).isEqualTo("2");
        assertThat(claimsOf(token).getStringClaim("idtyp")).isEqualTo("app");
    }

    @Test
    void a_pem_client_certificate_gets_a_token_through_a_signed_client_assertion() throws Exception {
        Path certificate = EntraTokens.pemCertificate(EntraTokens.pkcs12Certificate(directory));

        String token = accessTokens(entra, Map.of("ATRIUM_APP_CREDENTIAL", "client-certificate",
                "AZURE_CLIENT_CERTIFICATE_PATH", certificate.toString())).forApp(SCOPE);

        assertThat(claimsOf(token).getStringClaim("azpacr")).isEqualTo("2");
    }

    @Test
    void workload_identity_gets_a_token_with_the_federated_token_as_client_assertion() throws Exception {
        Path tokenFile = EntraTokens.federatedTokenFile(directory, entra.clientId());

        String token = accessTokens(entra, Map.of("ATRIUM_APP_CREDENTIAL", "workload-identity",
                "AZURE_FEDERATED_TOKEN_FILE", tokenFile.toString())).forApp(SCOPE);

        assertThat(claimsOf(token).getStringClaim("azpacr")).isEqualTo("2");
        assertThat(claimsOf(token).getStringClaim("oid")).isEqualTo(EntraStandIn.servicePrincipalId(entra.clientId()));
    }

    @Test
    void each_token_request_is_logged_in_one_line_without_the_token() {
        AccessTokens tokens = accessTokens(entra, clientSecret(entra));
        String token;
        try (EntraTokens.CapturedLog log = new EntraTokens.CapturedLog()) {
            token = tokens.forApp("api://logged-api/.default");
            tokens.forApp("api://logged-api/.default");

            assertThat(log.lines()).singleElement().asString()
                    .startsWith("token request as the application for api://logged-api/.default with client-secret: "
                            + "issued, valid for ")
                    .endsWith(" ms")
                    .doesNotContain(token);
        }
    }

    @Test
    void a_scope_other_than_an_apis_default_scope_is_refused_before_entra_is_asked() {
        AccessTokens tokens = accessTokens(entra, clientSecret(entra));
        int before = entra.tokenEndpointTokensIssued();

        assertThatThrownBy(() -> tokens.forApp("User.Read")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'.default' scope");
        assertThat(entra.tokenEndpointTokensIssued()).isEqualTo(before);
    }

    @Test
    void a_credential_missing_its_settings_gets_no_token_and_says_which_setting_is_missing() {
        AccessTokens tokens = accessTokens(entra, Map.of("ATRIUM_APP_CREDENTIAL", "client-certificate"));

        assertThatThrownBy(() -> tokens.forApp(SCOPE)).isInstanceOf(AccessTokenUnavailableException.class)
                .hasMessageContaining("AZURE_CLIENT_CERTIFICATE_PATH");
    }

    /** Asks as a caller would, every 100 ms, until the cache hands out a token other than {@code previous}. */
    private static String pollForAnotherToken(AccessTokens tokens, String previous) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            String current = tokens.forApp(SCOPE);
            if (!current.equals(previous)) {
                return current;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("The cache still handed out the first token after 15 s");
    }
}
