package io.atrium.identity.internal.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.atrium.standins.LocalPorts;
import io.atrium.standins.entra.DemoAccount;
import io.atrium.standins.entra.DemoSignIn;
import io.atrium.standins.entra.EntraStandIn;
import io.atrium.standins.graph.GraphRequest;
import io.atrium.standins.graph.GraphStandIn;

class GraphGroupsAgainstStandInsTest {

    private static final String GROUPS_PATH = "/v1.0/me/transitiveMemberOf/microsoft.graph.group";

    @TempDir
    static Path workDirectory;

    private static EntraStandIn entra;
    private static GraphStandIn graph;
    private static String oliviasToken;

    @BeforeAll
    static void start() throws Exception {
        entra = EntraStandIn.start(workDirectory, 0);
        graph = GraphStandIn.forDemoAccountsOf(entra);
        oliviasToken = DemoSignIn.at(entra).tokensFor(DemoAccount.OLIVIA).accessToken();
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
    void every_group_is_read_by_following_each_next_link() throws Exception {
        long before = graph.requestsBy(DemoAccount.OLIVIA.oid());

        var groups = new GraphGroups(graph.baseUrl()).transitiveGroupIds(oliviasToken);

        assertThat(groups).containsExactlyElementsOf(DemoAccount.OLIVIA.groups());
        assertThat(graph.requestsBy(DemoAccount.OLIVIA.oid())).isEqualTo(before + 3);
        List<GraphRequest> received = graph.received();
        GraphRequest first = received.get(received.size() - 3);
        assertThat(first.path()).isEqualTo(GROUPS_PATH);
        assertThat(first.query()).isEqualTo("$select=id&$top=999");
    }

    @Test
    void a_trailing_slash_on_the_base_url_does_no_harm() throws Exception {
        assertThat(new GraphGroups(graph.baseUrl() + "/").transitiveGroupIds(oliviasToken)).hasSize(250);
    }

    @Test
    void a_token_graph_refuses_fails_with_advice_on_the_token_and_without_it() throws Exception {
        String forged = oliviasToken.substring(0, oliviasToken.lastIndexOf('.') + 1) + "c2lnbmF0dXJl";

        assertThatThrownBy(() -> new GraphGroups(graph.baseUrl()).transitiveGroupIds(forged))
                .isInstanceOf(GraphFailure.class)
                .hasMessageContaining("HTTP 401 InvalidAuthenticationToken: Access token validation failure.")
                .hasMessageContaining("request-id ")
                .hasMessageContaining("ATRIUM_OIDC_SCOPES")
                .satisfies(failure -> assertThat(failure.getMessage()).doesNotContain(forged));
    }

    @Test
    void graph_refusing_to_list_groups_names_the_permission_the_app_registration_needs() {
        try (ScriptedGraph denying = new ScriptedGraph(request -> new ScriptedGraph.Answer(403, """
                {"error":{"code":"Authorization_RequestDenied",
                "message":"Insufficient privileges to complete the operation.",
                "innerError":{"date":"2025-01-01T00:00:00","request-id":"7a2b","client-request-id":"7a2b"}}}"""))) {

            assertThatThrownBy(() -> new GraphGroups(denying.baseUrl()).transitiveGroupIds(oliviasToken))
                    .isInstanceOf(GraphFailure.class)
                    .hasMessageContaining("HTTP 403 Authorization_RequestDenied: Insufficient privileges")
                    .hasMessageContaining("GroupMember.Read.All");
        }
    }

    @Test
    void a_next_link_to_another_host_is_not_followed() {
        try (ScriptedGraph elsewhere = new ScriptedGraph(request -> new ScriptedGraph.Answer(200, "{\"value\":[]}"));
             ScriptedGraph misleading = new ScriptedGraph(request -> new ScriptedGraph.Answer(200,
                     "{\"value\":[{\"id\":\"a7e3c9d1-4b2f-4c8e-b6a5-0d9f8e7c6b5a\"}],\"@odata.nextLink\":\""
                             + elsewhere.baseUrl() + "/me/transitiveMemberOf/microsoft.graph.group?$skiptoken=x\"}"))) {

            assertThatThrownBy(() -> new GraphGroups(misleading.baseUrl()).transitiveGroupIds(oliviasToken))
                    .isInstanceOf(GraphFailure.class)
                    .hasMessageContaining("was not followed");
            assertThat(elsewhere.requests()).isZero();
        }
    }

    @Test
    void a_next_link_that_never_ends_is_given_up_after_fifty_pages() {
        String[] self = new String[1];
        try (ScriptedGraph endless = new ScriptedGraph(request -> new ScriptedGraph.Answer(200,
                "{\"value\":[{\"id\":\"g-" + request + "\"}],"
                        + "\"@odata.nextLink\":\"" + self[0] + "?$skiptoken=" + request + "\"}"))) {
            self[0] = endless.baseUrl() + "/me/transitiveMemberOf/microsoft.graph.group";

            assertThatThrownBy(() -> new GraphGroups(endless.baseUrl()).transitiveGroupIds(oliviasToken))
                    .isInstanceOf(GraphFailure.class)
                    .hasMessageContaining("after " + GraphGroups.MAX_PAGES + " pages");
            assertThat(endless.requests()).isEqualTo(GraphGroups.MAX_PAGES);
        }
    }

    @Test
    void an_answer_without_a_list_of_groups_is_a_failure() {
        try (ScriptedGraph odd = new ScriptedGraph(request -> new ScriptedGraph.Answer(200, "{\"groups\":[]}"))) {
            assertThatThrownBy(() -> new GraphGroups(odd.baseUrl()).transitiveGroupIds(oliviasToken))
                    .isInstanceOf(GraphFailure.class)
                    .hasMessageContaining("no 'value' list");
        }
    }

    @Test
    void graph_out_of_reach_is_a_failure_naming_where_it_was_looked_for() {
        String nowhere = "http://localhost:" + LocalPorts.free() + "/v1.0";

        assertThatThrownBy(() -> new GraphGroups(nowhere).transitiveGroupIds(oliviasToken))
                .isInstanceOf(GraphFailure.class)
                .hasMessageContaining("Microsoft Graph at " + nowhere + " cannot be reached");
    }
}
