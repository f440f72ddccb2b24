package io.atrium.identity;

import static io.atrium.identity.EntraTokens.DOWNSTREAM_API;
import static io.atrium.identity.EntraTokens.accessTokens;
import static io.atrium.identity.EntraTokens.claimsOf;
import static io.atrium.identity.EntraTokens.clientSecret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.nimbusds.jwt.JWTClaimsSet;

import io.atrium.standins.entra.DemoAccount;
import io.atrium.standins.entra.DemoSignIn;
import io.atrium.standins.entra.EntraStandIn;

/** Tokens on behalf of the demo employees, exchanged at the Entra stand-in through the real azure-identity. */
class AccessTokensOnBehalfOfAgainstStandInTest {

    private static final String SCOPE = DOWNSTREAM_API + "/Reports.Read";

    @TempDir
    static Path directory;

    private static EntraStandIn entra;
    private static EmployeeToken erin;
    private static EmployeeToken adam;

    @BeforeAll
    static void start() throws Exception {
        entra = JvmTrustedEntra.start();
        erin = signIn(DemoAccount.ERIN);
        adam = signIn(DemoAccount.ADAM);
    }

    @AfterAll
    static void stop() {
        if (entra != null) {
            entra.close();
        }
    }

    @Test
    void erins_access_token_is_exchanged_for_a_token_on_her_behalf() throws Exception {
        JWTClaimsSet claims = claimsOf(accessTokens(entra, clientSecret(entra)).onBehalfOf(erin, SCOPE));

        assertThat(claims.getStringClaim("oid")).isEqualTo(DemoAccount.ERIN.oid());
        assertThat(claims.getStringClaim("tid")).isEqualTo(entra.tenantId());
        assertThat(claims.getStringClaim("preferred_username")).isEqualTo(DemoAccount.ERIN.upn());
        assertThat(claims.getStringClaim("scp")).isEqualTo("Reports.Read");
        assertThat(claims.getAudience()).containsExactly(DOWNSTREAM_API);
        assertThat(claims.getStringClaim("azp")).isEqualTo(entra.clientId());
        assertThat(claims.getIssuer()).isEqualTo(entra.issuer());
        assertThat(claims.getClaim("idtyp")).isNull();
    }

    @Test
    void ten_callers_asking_at_once_on_erins_behalf_cost_one_token_request() throws Exception {
        AccessTokens tokens = accessTokens(entra, clientSecret(entra));
        int before = entra.tokenEndpointTokensIssued();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService callers = Executors.newFixedThreadPool(10);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                answers.add(callers.submit(() -> {
                    go.await();
                    return tokens.onBehalfOf(erin, "api://concurrent-api/Reports.Read");
                }));
            }
            go.countDown();

            List<String> received = new ArrayList<>();
            for (Future<String> answer : answers) {
                received.add(answer.get(30, TimeUnit.SECONDS));
            }
            assertThat(received).containsOnly(received.get(0));
            assertThat(entra.tokenEndpointTokensIssued()).isEqualTo(before + 1);
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void two_employees_asking_for_the_same_scope_each_receive_a_token_of_their_own() throws Exception {
        AccessTokens tokens = accessTokens(entra, clientSecret(entra));

        String erins = tokens.onBehalfOf(erin, "api://shared-api/Reports.Read");
        String adams = tokens.onBehalfOf(adam, "api://shared-api/Reports.Read");

        assertThat(erins).isNotEqualTo(adams);
        assertThat(claimsOf(erins).getStringClaim("oid")).isEqualTo(DemoAccount.ERIN.oid());
        assertThat(claimsOf(adams).getStringClaim("oid")).isEqualTo(DemoAccount.ADAM.oid());
        assertThat(tokens.onBehalfOf(erin, "api://shared-api/Reports.Read")).isEqualTo(erins);
        assertThat(tokens.onBehalfOf(adam, "api://shared-api/Reports.Read")).isEqualTo(adams);
    }

    @Test
    void another_employees_ids_with_erins_token_are_refused_before_entra_is_asked() {
        AccessTokens tokens = accessTokens(entra, clientSecret(entra));
        int before = entra.tokenEndpointTokensIssued();

        assertThatThrownBy(() -> tokens.onBehalfOf(new EmployeeToken(adam.tenantId(), adam.objectId(),
                erin.accessToken()), SCOPE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("issued to oid=" + DemoAccount.ERIN.oid())
                .hasMessageNotContaining(erin.accessToken());
        assertThat(entra.tokenEndpointTokensIssued()).isEqualTo(before);
    }

    @Test
    void a_new_sign_in_of_the_same_employee_is_exchanged_anew() throws Exception {
        AccessTokens tokens = accessTokens(entra, clientSecret(entra));
        EmployeeToken erinAgain = signIn(DemoAccount.ERIN);
        int before = entra.tokenEndpointTokensIssued();

        String first = tokens.onBehalfOf(erin, "api://sign-in-api/Reports.Read");
        String second = tokens.onBehalfOf(erinAgain, "api://sign-in-api/Reports.Read");

        assertThat(second).isNotEqualTo(first);
        assertThat(claimsOf(second).getStringClaim("oid")).isEqualTo(DemoAccount.ERIN.oid());
        assertThat(entra.tokenEndpointTokensIssued()).isEqualTo(before + 2);
    }

    @Test
    void a_token_on_erins_behalf_declares_the_cp1_capability() throws Exception {
        JWTClaimsSet claims = claimsOf(accessTokens(entra, clientSecret(entra)).onBehalfOf(erin,
                "api://cae-api/Reports.Read"));

        assertThat(claims.getStringListClaim("xms_cc")).containsExactly(ClaimsChallenge.CLIENT_CAPABILITY);
    }

    @Test
    void a_claims_challenge_is_answered_with_a_new_exchange_or_entras_demand_to_sign_in_again() throws Exception {
        AccessTokens tokens = accessTokens(entra, clientSecret(entra));
        String scope = "api://revoking-api/Reports.Read";
        String claims = "{\"access_token\":{\"nbf\":{\"essential\":true,\"value\":\""
                + System.currentTimeMillis() / 1000 + "\"}}}";
        String first = tokens.onBehalfOf(adam, scope);
        Thread.sleep(1_100);

        String renewed = tokens.onBehalfOf(adam, scope, claims);
        assertThat(renewed).isNotEqualTo(first);
        assertThat(tokens.onBehalfOf(adam, scope)).isEqualTo(renewed);

        entra.insistOnBehalfOf(DemoAccount.ADAM, claims);
        try {
            assertThatThrownBy(() -> tokens.onBehalfOf(adam, scope, claims))
                    .isInstanceOfSatisfying(AccessTokenUnavailableException.class, refusal -> {
                        assertThat(refusal.interactionRequired()).isTrue();
                        assertThat(refusal.claimsChallenge()).hasValue(claims);
                    });
            // The refused token is not handed out again.
            assertThatThrownBy(() -> tokens.onBehalfOf(adam, scope))
                    .isInstanceOf(AccessTokenUnavailableException.class);
        } finally {
            entra.clearChallenge(DemoAccount.ADAM);
        }
    }

    @Test
    void a_client_certificate_can_act_on_erins_behalf() throws Exception {
        Path certificate = EntraTokens.pkcs12Certificate(directory);

        String token = accessTokens(entra, Map.of("ATRIUM_APP_CREDENTIAL", "client-certificate",
                "AZURE_CLIENT_CERTIFICATE_PATH", certificate.toString(),
                "AZURE_CLIENT_CERTIFICATE_PASSWORD", EntraTokens.CERTIFICATE_PASSWORD)).onBehalfOf(erin, SCOPE);

        assertThat(claimsOf(token).getStringClaim("oid")).isEqualTo(DemoAccount.ERIN.oid());
        assertThat(claimsOf(token).getStringClaim("azpacr")).isEqualTo("2");
    }

    @Test
    void workload_identity_can_act_on_erins_behalf_with_its_federated_token() throws Exception {
        Path tokenFile = EntraTokens.federatedTokenFile(directory, entra.clientId());

        String token = accessTokens(entra, Map.of("ATRIUM_APP_CREDENTIAL", "workload-identity",
                "AZURE_FEDERATED_TOKEN_FILE", tokenFile.toString())).onBehalfOf(erin, SCOPE);

        assertThat(claimsOf(token).getStringClaim("oid")).isEqualTo(DemoAccount.ERIN.oid());
        assertThat(claimsOf(token).getStringClaim("azpacr")).isEqualTo("2");
    }

    @Test
    void a_managed_identity_cannot_act_on_behalf_of_an_employee_and_says_so() {
        AccessTokens tokens = accessTokens(entra, Map.of("ATRIUM_APP_CREDENTIAL", "managed-identity"));
        int before = entra.tokenEndpointTokensIssued();

        assertThatThrownBy(() -> tokens.onBehalfOf(erin, SCOPE)).isInstanceOf(AccessTokenUnavailableException.class)
                .hasMessageContaining("ATRIUM_APP_CREDENTIAL must be client-secret, client-certificate or "
                        + "workload-identity");
        assertThat(entra.tokenEndpointTokensIssued()).isEqualTo(before);
    }

    @Test
    void the_token_request_is_logged_with_the_employee_and_without_either_token() {
        AccessTokens tokens = accessTokens(entra, clientSecret(entra));
        try (EntraTokens.CapturedLog log = new EntraTokens.CapturedLog()) {
            String token = tokens.onBehalfOf(erin, "api://logged-api/Reports.Read");

            assertThat(log.lines()).singleElement().asString()
                    .startsWith("token request on behalf of oid=" + DemoAccount.ERIN.oid() + " tid="
                            + entra.tenantId() + " for api://logged-api/Reports.Read with client-secret: issued")
                    .doesNotContain(token)
                    .doesNotContain(erin.accessToken());
        }
    }

    private static EmployeeToken signIn(DemoAccount account) throws Exception {
        return new EmployeeToken(entra.tenantId(), account.oid(), DemoSignIn.at(entra).tokensFor(account).accessToken());
    }
}
