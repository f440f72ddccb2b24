package io.atrium.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.atrium.standins.LocalPeers;
import io.atrium.standins.entra.DemoAccount;
import io.atrium.standins.entra.DemoSignIn;
import io.atrium.standins.entra.EntraStandIn;
import io.atrium.standins.payara.PayaraMicroProcess;

/**
 * A multi-tenant Atrium ({@code AZURE_TENANT_ID=organizations}) that lists two tenants, its own and a partner's,
 * against the Entra stand-in's multi-tenant authority, where each token names its user's own tenant and issuer. An
 * employee of each listed tenant signs in and calls the API; someone of a third tenant is refused at sign-in and at the
 * API, and nothing of them is recorded as a user. Atrium runs on a Payara Micro of its own, in multi-tenant mode.
 */
@ExtendWith(AtriumStack.class)
class MultiTenantIT {

    private static PayaraMicroProcess atrium;

    @BeforeAll
    static void start() throws Exception {
        LocalPeers peers = AtriumStack.peers();
        Map<String, String> environment = new LinkedHashMap<>(peers.atriumEnvironment());
        environment.put("AZURE_TENANT_ID", EntraStandIn.MULTI_TENANT_AUTHORITY);
        environment.put("ATRIUM_OIDC_ALLOWED_TENANTS", EntraStandIn.TENANT_ID + "," + EntraStandIn.PARTNER_TENANT_ID);
        Path directory = Files.createTempDirectory("atrium-multi-tenant");
        atrium = PayaraMicroProcess.builder(Path.of(required("payara.microJar")), Path.of(required("atrium.war")))
                .port(0)
                .environment(environment)
                .truststore(peers.truststore(), peers.truststorePassword())
                .workDirectory(directory)
                .start();
        atrium.awaitReady(Duration.ofMinutes(3));
    }

    @AfterAll
    static void stop() {
        if (atrium != null) {
            atrium.close();
        }
    }

    @Test
    void employees_of_both_listed_tenants_sign_in_each_recorded_with_their_own_tenant() {
        for (Map.Entry<DemoAccount, String> employee : Map.of(DemoAccount.ERIN, EntraStandIn.TENANT_ID,
                DemoAccount.PAT, EntraStandIn.PARTNER_TENANT_ID).entrySet()) {
            DemoAccount account = employee.getKey();
            ScriptedBrowser.Page home = new ScriptedBrowser(AtriumStack.peers()).signIn(base(), account.username());

            assertThat(home.status()).as(home.body()).isEqualTo(200);
            assertThat(home.uri().getPath()).isEqualTo("/");
            assertThat(home.html().getElementById("greeting").text()).isEqualTo("Hello, " + account.displayName());
            assertThat(Database.texts("SELECT tenant_id FROM app_user WHERE object_id = ?", account.oid()))
                    .containsExactly(employee.getValue());
        }
    }

    @Test
    void someone_of_a_tenant_not_listed_is_refused_in_words_and_not_recorded_as_a_user() {
        String refusals = "SELECT count(*) FROM login_event WHERE outcome = 'failure' "
                + "AND failure_reason = 'tenant_not_allowed' AND attempted_object_id IS NULL";
        long before = Database.count(refusals);

        ScriptedBrowser.Page refused = new ScriptedBrowser(AtriumStack.peers()).signIn(base(), "una");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.html().text()).contains("Your organisation cannot use this Atrium")
                .doesNotContain("Exception");
        assertThat(Database.usersWithObjectId(DemoAccount.UNA.oid())).isZero();
        // Refused before its signature was checked, so the token's claims name nobody in the record.
        assertThat(Database.count(refusals)).isEqualTo(before + 1);
    }

    @Test
    void the_api_takes_tokens_of_the_listed_tenants_only() throws Exception {
        EntraStandIn entra = AtriumStack.peers().entra();
        String partnerToken = DemoSignIn.multiTenantAt(entra).tokensFor(DemoAccount.PAT).accessToken();
        String outsiderToken = DemoSignIn.multiTenantAt(entra).tokensFor(DemoAccount.UNA).accessToken();

        HttpResponse<String> partner = ApiCalls.get(base().resolve("/api/v1/me"), partnerToken);
        HttpResponse<String> outsider = ApiCalls.get(base().resolve("/api/v1/me"), outsiderToken);

        assertThat(partner.statusCode()).as(partner.body()).isEqualTo(200);
        assertThat(partner.body()).contains(EntraStandIn.PARTNER_TENANT_ID).contains(DemoAccount.PAT.oid());
        assertThat(outsider.statusCode()).as(outsider.body()).isEqualTo(401);
        assertThat(outsider.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(challenge ->
                assertThat(challenge).contains("error=\"invalid_token\""));
    }

    private static URI base() {
        return URI.create(atrium.url() + "/");
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("System property " + property + " is not set: run the tests through Maven");
        }
        return value;
    }
}
