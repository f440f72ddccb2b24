package io.atrium.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.atrium.identity.ClaimsChallenge;
import io.atrium.standins.entra.DemoAccount;
import io.atrium.standins.entra.DemoSignIn;
import io.atrium.standins.entra.EntraStandIn;

/**
 * Atrium calling Microsoft Graph on the employee's behalf (the downstream API {@code graph}, on-behalf-of), for a page
 * and for an API caller, and what happens when Entra answers the exchange with a claims challenge: the browser signs in
 * again with the claims and comes back; the API caller gets 401 with the challenge.
 */
@AtriumIT
class OnBehalfOfIT extends AtriumDeployment {

    /** A Conditional Access authentication context, as Entra names it in a claims challenge. */
    private static final String CLAIMS = "{\"access_token\":{\"acrs\":{\"essential\":true,\"value\":\"c1\"}}}";
    @Test
    void an_api_caller_reads_the_employees_graph_profile_with_the_token_it_called_with() throws Exception {
        DemoAccount erin = DemoAccount.ERIN;

        HttpResponse<String> answer = get("/api/v1/me/profile", tokenOf(erin));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("\"jobTitle\":\"" + erin.jobTitle() + "\"")
                .contains("\"department\":\"" + erin.department() + "\"");
    }

    @Test
    void an_application_calling_on_its_own_has_no_profile_404_not_a_500() {
        String appToken = entra().mint(Map.of("aud", entra().clientId(), "azp", AtriumStack.DAEMON_CLIENT_ID,
                "tid", entra().tenantId(), "oid", "0f1e2d3c-4b5a-4697-8877-665544332211",
                "sub", "0f1e2d3c-4b5a-4697-8877-665544332211", "idtyp", "app", "roles", List.of("admin"),
                "ver", "2.0"), Duration.ofMinutes(30));

        HttpResponse<String> answer = get("/api/v1/me/profile", appToken);

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.body()).contains("application's own");
    }

    @Test
    void a_claims_challenge_reaches_the_api_caller_as_401_and_a_token_with_the_claims_is_accepted() throws Exception {
        DemoAccount adam = DemoAccount.ADAM;
        String before = tokenOf(adam);
        entra().challengeOnBehalfOf(adam, CLAIMS);
        try {
            HttpResponse<String> challenged = get("/api/v1/me/profile", before);

            assertThat(challenged.statusCode()).isEqualTo(401);
            assertThat(challenged.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(header ->
                    assertThat(header).startsWith("Bearer ")
                            .contains("error=\"insufficient_claims\"")
                            .contains("authorization_uri=\"" + entra().authorityHost() + "/" + entra().tenantId()
                                    + "/oauth2/v2.0/authorize\"")
                            .contains("claims=\"" + Base64.getEncoder().encodeToString(
                                    CLAIMS.getBytes(StandardCharsets.UTF_8)) + "\""));
            assertThat(challenged.body()).contains("AADSTS50079").contains("sign in again");

            // What the caller's MSAL does with the challenge: a new sign-in asking for the claims.
            String after = DemoSignIn.at(entra()).tokensFor(adam, CLAIMS).accessToken();
            assertThat(get("/api/v1/me/profile", after).statusCode()).isEqualTo(200);
        } finally {
            entra().clearChallenge(adam);
        }
    }

    @Test
    void a_claims_challenge_on_a_page_sends_the_employee_to_sign_in_again_with_the_claims_and_back() {
        DemoAccount adam = DemoAccount.ADAM;
        entra().challengeOnBehalfOf(adam, CLAIMS);
        try {
            ScriptedBrowser browser = new ScriptedBrowser(AtriumStack.peers());

            ScriptedBrowser.Page entraAgain = browser.signIn(atrium(), "adam");

            assertThat(entraAgain.uri().getPath()).as("Entra's sign-in page, a second time")
                    .endsWith("/v2.0/authorize");
            assertThat(query(entraAgain.uri())).as("Entra's claims beside Atrium's cp1 capability")
                    .containsEntry("claims", ClaimsChallenge.withClientCapability(CLAIMS)).doesNotContainKey("prompt");

            ScriptedBrowser.Page home = browser.follow(browser.post(entraAgain.uri(), Map.of("username", "adam")));

            assertThat(home.status()).isEqualTo(200);
            assertThat(home.uri().getPath()).isEqualTo("/");
            assertThat(home.html().getElementById("profile").text()).as("from Graph, after meeting the challenge")
                    .isEqualTo(adam.jobTitle() + ", " + adam.department());
        } finally {
            entra().clearChallenge(adam);
        }
    }

    @Test
    void a_challenge_that_signing_in_again_does_not_meet_sends_the_employee_round_once_not_forever() {
        DemoAccount adam = DemoAccount.ADAM;
        entra().insistOnBehalfOf(adam, CLAIMS);
        try {
            ScriptedBrowser browser = new ScriptedBrowser(AtriumStack.peers());
            ScriptedBrowser.Page entraAgain = browser.signIn(atrium(), "adam");
            assertThat(query(entraAgain.uri())).containsEntry("claims", ClaimsChallenge.withClientCapability(CLAIMS));

            ScriptedBrowser.Page home = browser.follow(browser.post(entraAgain.uri(), Map.of("username", "adam")));

            assertThat(home.status()).isEqualTo(200);
            assertThat(home.uri().getPath()).isEqualTo("/");
            assertThat(home.html().getElementById("greeting").text()).isEqualTo("Hello, " + adam.displayName());
            assertThat(home.html().getElementById("profile").text()).contains("not available");
        } finally {
            entra().clearChallenge(adam);
        }
    }

    private static Map<String, String> query(URI uri) {
        return Arrays.stream(uri.getRawQuery().split("&"))
                .map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(pair -> pair[0],
                        pair -> URLDecoder.decode(pair[1], StandardCharsets.UTF_8), (first, second) -> first));
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
