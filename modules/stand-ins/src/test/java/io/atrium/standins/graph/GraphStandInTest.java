package io.atrium.standins.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;

import io.atrium.standins.entra.DemoAccount;
import io.atrium.standins.entra.DemoSignIn;
import io.atrium.standins.entra.EntraStandIn;
import io.atrium.standins.tokens.TrustedIssuer;

class GraphStandInTest {

    private static final String MY_GROUPS = "/me/transitiveMemberOf/microsoft.graph.group";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path workDirectory;

    private static EntraStandIn entra;
    private static TrustedIssuer trusted;
    private static GraphStandIn graph;
    private static String oliviasToken;
    private static String erinsToken;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        entra = EntraStandIn.start(workDirectory, 0);
        trusted = new TrustedIssuer(entra.issuer(), entra.clientId(), entra.truststore(), entra.truststorePassword());
        graph = GraphStandIn.start(0, trusted, DemoAccount.ALL.stream().map(GraphUser::of).toList());
        oliviasToken = DemoSignIn.at(entra).tokensFor(DemoAccount.OLIVIA).accessToken();
        erinsToken = DemoSignIn.at(entra).tokensFor(DemoAccount.ERIN).accessToken();
    }

    @AfterAll
    static void stop() {
        if (graph != null) {
            graph.close();
        }
        if (entra != null) {
            entra.close();
        }
    }

    @Test
    void the_base_url_is_graphs_v1_service_root_on_localhost() {
        assertThat(graph.baseUrl()).isEqualTo("http://localhost:" + graph.port() + "/v1.0");
    }

    @Test
    void a_users_groups_come_in_pages_linked_by_next_link_until_every_group_is_listed() throws Exception {
        List<String> ids = new ArrayList<>();
        List<JsonNode> pages = new ArrayList<>();
        URI next = URI.create(graph.baseUrl() + MY_GROUPS + "?$select=id&$top=999");
        while (next != null) {
            HttpResponse<String> response = get(next, oliviasToken);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode page = JSON.readTree(response.body());
            pages.add(page);
            page.path("value").forEach(group -> ids.add(group.path("id").asText()));
            next = page.has("@odata.nextLink") ? URI.create(page.path("@odata.nextLink").asText()) : null;
        }

        assertThat(pages).hasSize(3);
        assertThat(ids).containsExactlyElementsOf(DemoAccount.OLIVIA.groups());
        JsonNode first = pages.get(0);
        assertThat(first.path("@odata.context").asText()).isEqualTo(graph.baseUrl() + "/$metadata#groups(id)");
        assertThat(first.path("value")).hasSize(GraphStandIn.DEFAULT_PAGE_SIZE);
        assertThat(first.path("value").get(0).path("@odata.type").asText()).isEqualTo("#microsoft.graph.group");
        assertThat(first.path("@odata.nextLink").asText())
                .startsWith(graph.baseUrl() + MY_GROUPS + "?$select=id&$top=999&$skiptoken=");
    }

    @Test
    void a_user_in_few_groups_gets_one_page_without_a_next_link() throws Exception {
        HttpResponse<String> response = get(URI.create(graph.baseUrl() + MY_GROUPS), erinsToken);

        JsonNode page = JSON.readTree(response.body());
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(page.has("@odata.nextLink")).isFalse();
        assertThat(page.path("value").findValuesAsText("id")).containsExactlyElementsOf(DemoAccount.ERIN.groups());
    }

    @Test
    void me_answers_graphs_default_profile_and_the_department_only_when_selected() throws Exception {
        DemoAccount erin = DemoAccount.ERIN;

        JsonNode profile = JSON.readTree(get(URI.create(graph.baseUrl() + "/me"), erinsToken).body());
        JsonNode selected = JSON.readTree(get(URI.create(graph.baseUrl() + "/me?$select=displayName,department"),
                erinsToken).body());

        assertThat(profile.path("@odata.context").asText()).isEqualTo(graph.baseUrl() + "/$metadata#users/$entity");
        assertThat(profile.path("id").asText()).isEqualTo(erin.oid());
        assertThat(profile.path("displayName").asText()).isEqualTo(erin.displayName());
        assertThat(profile.path("userPrincipalName").asText()).isEqualTo(erin.upn());
        assertThat(profile.path("mail").asText()).isEqualTo(erin.upn());
        assertThat(profile.path("jobTitle").asText()).isEqualTo(erin.jobTitle());
        assertThat(profile.has("department")).isFalse();
        assertThat(selected.path("department").asText()).isEqualTo(erin.department());
        assertThat(selected.has("id")).isFalse();
    }

    @Test
    void the_token_alone_chooses_the_user_whatever_the_request_says() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(graph.baseUrl() + "/me"))
                .header("Authorization", "Bearer " + erinsToken)
                .header(GraphGate.USER_HEADER, DemoAccount.OLIVIA.oid()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(JSON.readTree(response.body()).path("id").asText()).isEqualTo(DemoAccount.ERIN.oid());
    }

    @Test
    void a_request_without_a_token_is_refused_with_graphs_401() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(graph.baseUrl() + MY_GROUPS))
                .header("client-request-id", "4f1c2c3e-0000-4000-8000-000000000001").build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Bearer"));
        JsonNode error = JSON.readTree(response.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("InvalidAuthenticationToken");
        assertThat(error.path("message").asText()).isEqualTo("Access token is empty.");
        assertThat(error.path("innerError").path("client-request-id").asText())
                .isEqualTo("4f1c2c3e-0000-4000-8000-000000000001");
        assertThat(error.path("innerError").path("request-id").asText())
                .isEqualTo(response.headers().firstValue("request-id").orElseThrow());
    }

    @Test
    void a_token_that_is_not_a_jwt_is_refused_with_graphs_401() throws Exception {
        HttpResponse<String> response = get(URI.create(graph.baseUrl() + "/me"), "not-a-token");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(response.body()).path("error").path("code").asText())
                .isEqualTo("InvalidAuthenticationToken");
    }

    @Test
    void a_token_with_the_right_claims_signed_by_another_key_is_refused() throws Exception {
        RSAKey otherKey = new RSAKeyGenerator(2048).keyID("not-entras").generate();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(otherKey.getKeyID()).build(),
                SignedJWT.parse(oliviasToken).getJWTClaimsSet());
        forged.sign(new RSASSASigner(otherKey));

        HttpResponse<String> response = get(URI.create(graph.baseUrl() + MY_GROUPS), forged.serialize());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(response.body()).path("error").path("message").asText())
                .isEqualTo("Access token validation failure.");
    }

    @Test
    void an_expired_token_is_refused_with_graphs_lifetime_message() throws Exception {
        try (GraphStandIn later = GraphStandIn.start(0, trusted, List.of(GraphUser.of(DemoAccount.ERIN)),
                GraphStandIn.DEFAULT_PAGE_SIZE, Clock.offset(Clock.systemUTC(), Duration.ofHours(2)))) {
            HttpResponse<String> response = get(URI.create(later.baseUrl() + "/me"), erinsToken);

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(JSON.readTree(response.body()).path("error").path("message").asText())
                    .isEqualTo("Lifetime validation failed, the token is expired.");
        }
    }

    @Test
    void a_valid_token_of_a_user_the_directory_does_not_hold_gets_graphs_404() throws Exception {
        try (GraphStandIn onlyErin = GraphStandIn.start(0, trusted, List.of(GraphUser.of(DemoAccount.ERIN)))) {
            HttpResponse<String> response = get(URI.create(onlyErin.baseUrl() + "/me"), oliviasToken);

            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(JSON.readTree(response.body()).path("error").path("code").asText())
                    .isEqualTo("Request_ResourceNotFound");
        }
    }

    @Test
    void a_page_size_above_graphs_maximum_is_a_bad_request() throws Exception {
        HttpResponse<String> response = get(URI.create(graph.baseUrl() + MY_GROUPS + "?$top=1000"), erinsToken);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("error").path("message").asText())
                .isEqualTo("Invalid page size specified: '1000'. Must be between 1 and 999 inclusive.");
    }

    @Test
    void an_unknown_path_is_a_bad_request_naming_the_segment() throws Exception {
        HttpResponse<String> response = get(URI.create(graph.baseUrl() + "/me/drive"), erinsToken);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("error").path("message").asText())
                .isEqualTo("Resource not found for the segment 'drive'.");
    }

    @Test
    void requests_are_kept_per_user_without_their_tokens() throws Exception {
        List<GraphUser> users = DemoAccount.ALL.stream().map(GraphUser::of).toList();
        try (GraphStandIn counting = GraphStandIn.start(0, trusted, users)) {
            get(URI.create(counting.baseUrl() + MY_GROUPS + "?$select=id"), oliviasToken);
            get(URI.create(counting.baseUrl() + "/me"), oliviasToken);
            get(URI.create(counting.baseUrl() + "/me"), "not-a-token");

            assertThat(counting.requestsBy(DemoAccount.OLIVIA.oid())).isEqualTo(2);
            assertThat(counting.requestsBy(DemoAccount.ERIN.oid())).isZero();
            assertThat(counting.received()).hasSize(3)
                    .first().satisfies(request -> {
                        assertThat(request.path()).isEqualTo("/v1.0" + MY_GROUPS);
                        assertThat(request.query()).isEqualTo("$select=id");
                        assertThat(request.userId()).contains(DemoAccount.OLIVIA.oid());
                        assertThat(request.status()).isEqualTo(200);
                    });
            assertThat(counting.received().get(2).userId()).isEqualTo(Optional.empty());
            assertThat(counting.received().get(2).status()).isEqualTo(401);
            assertThat(counting.received().toString()).doesNotContain(oliviasToken);
        }
    }

    @Test
    void a_page_size_below_one_is_refused_at_start() {
        assertThatThrownBy(() -> GraphStandIn.start(0, trusted, List.of(), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private HttpResponse<String> get(URI uri, String accessToken) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + accessToken).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
