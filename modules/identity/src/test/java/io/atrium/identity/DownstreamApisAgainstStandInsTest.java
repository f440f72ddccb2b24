package io.atrium.identity;

import static io.atrium.identity.EntraTokens.accessTokens;
import static io.atrium.identity.EntraTokens.claimsOf;
import static io.atrium.identity.EntraTokens.clientSecret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.nimbusds.jwt.JWTClaimsSet;
import com.sun.net.httpserver.HttpServer;

import io.atrium.identity.internal.downstream.DownstreamApiSettings;
import io.atrium.standins.CriticalEvents;
import io.atrium.standins.entra.DemoAccount;
import io.atrium.standins.entra.DemoSignIn;
import io.atrium.standins.entra.EntraStandIn;

/**
 * Named downstream APIs called through the real MicroProfile REST Client (Jersey's, as in Payara), with tokens from
 * the real azure-identity at the Entra stand-in: the API receives exactly the token its configuration asks for.
 */
class DownstreamApisAgainstStandInsTest {

    private static EntraStandIn entra;
    private static HttpServer reports;
    private static final List<String> AUTHORIZATIONS = new CopyOnWriteArrayList<>();
    private static final CriticalEvents CRITICAL_EVENTS = new CriticalEvents("https://login.example/authorize",
            Clock.systemUTC());

    @BeforeAll
    static void start() throws Exception {
        entra = JvmTrustedEntra.start();
        reports = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        reports.createContext("/api/reports", exchange -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            AUTHORIZATIONS.add(authorization);
            Optional<String> challenge = challengeFor(authorization);
            if (challenge.isPresent()) {
                exchange.getResponseHeaders().add("WWW-Authenticate", challenge.get());
                exchange.sendResponseHeaders(401, -1);
                exchange.close();
                return;
            }
            byte[] body = "quarterly".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        reports.start();
    }

    /** The reports API as a CAE-enabled resource: tokens of cp1 clients issued before a critical event are challenged. */
    private static Optional<String> challengeFor(String authorization) {
        try {
            return CRITICAL_EVENTS.challenge(claimsOf(authorization.substring("Bearer ".length())));
        } catch (Exception notAToken) {
            return Optional.empty();
        }
    }

    @AfterAll
    static void stop() {
        if (reports != null) {
            reports.stop(0);
        }
        if (entra != null) {
            entra.close();
        }
    }

    @Path("/reports")
    public interface Reports {
        @GET
        @Produces(MediaType.TEXT_PLAIN)
        String latest();
    }

    private static DownstreamApis apis(String mode, String scopes, AtomicReference<EmployeeToken> employee) {
        Map<String, String> settings = Map.of(
                "atrium.downstream.graph.base-url", "https://graph.microsoft.com/v1.0",
                "atrium.downstream.graph.scopes", "https://graph.microsoft.com/User.Read",
                "atrium.downstream.graph.mode", "on-behalf-of",
                "atrium.downstream.apis", "reports",
                "atrium.downstream.reports.base-url", "http://localhost:" + reports.getAddress().getPort() + "/api",
                "atrium.downstream.reports.scopes", scopes,
                "atrium.downstream.reports.mode", mode);
        DownstreamApiSettings apiSettings = new DownstreamApiSettings(key -> Optional.ofNullable(settings.get(key)));
        assertThat(apiSettings.problems()).isEmpty();
        return new DownstreamApis(apiSettings, accessTokens(entra, clientSecret(entra)),
                () -> Optional.ofNullable(employee.get()));
    }

    private static JWTClaimsSet lastTokenReceived() throws Exception {
        String authorization = AUTHORIZATIONS.get(AUTHORIZATIONS.size() - 1);
        assertThat(authorization).startsWith("Bearer ");
        return claimsOf(authorization.substring("Bearer ".length()));
    }

    @Test
    void an_api_in_app_mode_receives_atriums_own_application_token() throws Exception {
        DownstreamApis apis = apis("app", "api://reports/.default", new AtomicReference<>());

        assertThat(apis.client("reports", Reports.class).latest()).isEqualTo("quarterly");

        JWTClaimsSet token = lastTokenReceived();
        assertThat(token.getAudience()).containsExactly("api://reports");
        assertThat(token.getStringClaim("idtyp")).isEqualTo("app");
        assertThat(token.getStringClaim("oid")).isEqualTo(EntraStandIn.servicePrincipalId(entra.clientId()));
    }

    @Test
    void an_api_on_behalf_of_receives_the_token_of_the_employee_the_request_serves() throws Exception {
        AtomicReference<EmployeeToken> employee = new AtomicReference<>(signIn(DemoAccount.ERIN));
        DownstreamApis apis = apis("on-behalf-of", "api://reports/Reports.Read", employee);
        Reports client = apis.client("reports", Reports.class);

        client.latest();
        assertThat(lastTokenReceived().getStringClaim("oid")).isEqualTo(DemoAccount.ERIN.oid());
        assertThat(lastTokenReceived().getStringClaim("scp")).isEqualTo("Reports.Read");

        // The same client, serving Adam's request next, carries Adam's token, never Erin's.
        employee.set(signIn(DemoAccount.ADAM));
        client.latest();
        assertThat(lastTokenReceived().getStringClaim("oid")).isEqualTo(DemoAccount.ADAM.oid());
    }

    @Test
    void a_request_serving_no_employee_gets_no_token_on_anyones_behalf_and_the_api_is_not_called() {
        DownstreamApis apis = apis("on-behalf-of", "api://reports/Reports.Read", new AtomicReference<>());
        int calls = AUTHORIZATIONS.size();

        assertThatThrownBy(() -> apis.client("reports", Reports.class).latest())
                .isInstanceOf(AccessTokenUnavailableException.class)
                .hasMessageContaining("serves none");
        assertThat(AUTHORIZATIONS).hasSize(calls);
    }

    @Test
    void entras_claims_challenge_comes_out_of_the_call_as_the_refusal_itself_ready_for_a_401() throws Exception {
        String claims = "{\"access_token\":{\"acrs\":{\"essential\":true,\"value\":\"c1\"}}}";
        AtomicReference<EmployeeToken> employee = new AtomicReference<>(signIn(DemoAccount.ADAM));
        entra.challengeOnBehalfOf(DemoAccount.ADAM, claims);
        try {
            DownstreamApis apis = apis("on-behalf-of", "api://reports/Reports.Read", employee);

            assertThatThrownBy(() -> apis.client("reports", Reports.class).latest())
                    .isInstanceOfSatisfying(AccessTokenUnavailableException.class, refusal -> {
                        assertThat(refusal.interactionRequired()).isTrue();
                        assertThat(refusal.claimsChallenge()).contains(claims);
                        assertThat(refusal.wwwAuthenticate()).hasValueSatisfying(header -> assertThat(header)
                                .contains("error=\"insufficient_claims\"")
                                .contains("claims=\"" + Base64.getEncoder().encodeToString(
                                        claims.getBytes(StandardCharsets.UTF_8)) + "\""));
                    });
        } finally {
            entra.clearChallenge(DemoAccount.ADAM);
        }
    }

    @Test
    void an_apis_claims_challenge_gets_one_new_token_with_its_claims_and_the_call_succeeds() throws Exception {
        AtomicReference<EmployeeToken> employee = new AtomicReference<>(signIn(DemoAccount.ERIN));
        DownstreamApis apis = apis("on-behalf-of", "api://reports-cae/Reports.Read", employee);
        Reports client = apis.client("reports", Reports.class);
        client.latest();
        Thread.sleep(1_100);
        CRITICAL_EVENTS.revoke(DemoAccount.ERIN.oid());
        int calls = AUTHORIZATIONS.size();

        assertThat(client.latest()).isEqualTo("quarterly");

        assertThat(AUTHORIZATIONS).as("the challenged call and the one sent again").hasSize(calls + 2);
        assertThat(AUTHORIZATIONS.get(calls + 1)).isNotEqualTo(AUTHORIZATIONS.get(calls));
        assertThat(client.latest()).isEqualTo("quarterly");
        assertThat(AUTHORIZATIONS).as("the new token is reused").hasSize(calls + 3);
    }

    @Test
    void an_api_that_is_not_configured_is_named_in_the_error() {
        DownstreamApis apis = apis("app", "api://reports/.default", new AtomicReference<>());

        assertThatThrownBy(() -> apis.client("payroll", Reports.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'payroll'");
    }

    private static EmployeeToken signIn(DemoAccount account) throws IOException {
        return new EmployeeToken(EntraStandIn.TENANT_ID, account.oid(),
                DemoSignIn.at(entra).tokensFor(account).accessToken());
    }
}
