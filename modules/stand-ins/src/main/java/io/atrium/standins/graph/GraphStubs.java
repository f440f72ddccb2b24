package io.atrium.standins.graph;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

/**
 * The Graph stand-in's WireMock stubs: for each user, {@code GET /v1.0/me} and the pages of
 * {@code GET /v1.0/me/transitiveMemberOf/microsoft.graph.group}, matched by the user {@link GraphGate} let through;
 * and Graph's errors for a page size out of range, a skip token it did not issue, another method and an unknown path.
 * Priorities: errors of a request's form first (1), users' answers (5), then the answers for what no user stub took.
 */
final class GraphStubs {

    static final String VERSION = "/v1.0";
    static final String ME = VERSION + "/me";
    static final String MY_GROUPS = ME + "/transitiveMemberOf/microsoft.graph.group";
    static final int GRAPH_MAX_TOP = 999;
    static final String PAGE_SIZE = "pageSize";
    static final String SKIP_TOKEN = "skipToken";
    static final String METHOD = "method";
    static final String SEGMENT = "segment";
    private static final String SKIP_TOKEN_PREFIX = "StandIn-Offset:";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private GraphStubs() {
    }

    /** Every stub for {@code users}, with pages of at most {@code pageSize} groups. */
    static List<MappingBuilder> of(List<GraphUser> users, int pageSize) {
        List<MappingBuilder> stubs = new ArrayList<>();
        stubs.add(get(urlPathEqualTo(MY_GROUPS)).atPriority(1)
                // Present and not 1 to 999 (WireMock's notMatching would take an absent $top too).
                .withQueryParam("$top", matching("(?!0*[1-9][0-9]{0,2}$).*"))
                .willReturn(error(400, PAGE_SIZE)));
        for (GraphUser user : users) {
            stubs.add(get(urlPathEqualTo(ME)).atPriority(5).withHeader(GraphGate.USER_HEADER, equalTo(user.id()))
                    .willReturn(answer(GraphAnswers.USER, profile(user))));
            stubs.addAll(groupPages(user, pageSize));
        }
        stubs.add(get(urlPathEqualTo(MY_GROUPS)).atPriority(10).withQueryParam("$skiptoken", matching(".*"))
                .willReturn(error(400, SKIP_TOKEN)));
        stubs.add(any(urlPathEqualTo(ME)).atPriority(20).willReturn(error(405, METHOD)));
        stubs.add(any(urlPathEqualTo(MY_GROUPS)).atPriority(20).willReturn(error(405, METHOD)));
        stubs.add(any(anyUrl()).atPriority(30).willReturn(error(400, SEGMENT)));
        return stubs;
    }

    /**
     * One stub per page, the first without a skip token; Graph's skip tokens are opaque, and these encode the offset
     * so that clients treat them as opaque too.
     */
    private static List<MappingBuilder> groupPages(GraphUser user, int pageSize) {
        List<MappingBuilder> pages = new ArrayList<>();
        List<String> groups = user.groupIds();
        for (int offset = 0; offset == 0 || offset < groups.size(); offset += pageSize) {
            int end = Math.min(groups.size(), offset + pageSize);
            ObjectNode page = MAPPER.createObjectNode();
            ArrayNode value = page.putArray("value");
            groups.subList(offset, end).forEach(id -> value.addObject()
                    .put("@odata.type", "#microsoft.graph.group").put("id", id));
            ResponseDefinitionBuilder answer = answer(GraphAnswers.GROUPS, page);
            if (end < groups.size()) {
                answer.withTransformerParameter(GraphAnswers.NEXT_SKIP_TOKEN, skipToken(end));
            }
            pages.add(get(urlPathEqualTo(MY_GROUPS)).atPriority(5)
                    .withHeader(GraphGate.USER_HEADER, equalTo(user.id()))
                    .withQueryParam("$skiptoken", offset == 0 ? absent() : equalTo(skipToken(offset)))
                    .willReturn(answer));
        }
        return pages;
    }

    private static ObjectNode profile(GraphUser user) {
        return MAPPER.createObjectNode()
                .put("id", user.id())
                .put("displayName", user.displayName())
                .put("userPrincipalName", user.userPrincipalName())
                .put("mail", user.mail())
                .put("jobTitle", user.jobTitle())
                .put("department", user.department());
    }

    private static ResponseDefinitionBuilder answer(String kind, ObjectNode body) {
        return aResponse().withStatus(200).withBody(body.toString())
                .withTransformerParameter(GraphAnswers.KIND, kind);
    }

    private static ResponseDefinitionBuilder error(int status, String error) {
        return aResponse().withStatus(status).withBody("{}")
                .withTransformerParameter(GraphAnswers.KIND, GraphAnswers.ERROR)
                .withTransformerParameter(GraphAnswers.ERROR, error);
    }

    private static String skipToken(int offset) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((SKIP_TOKEN_PREFIX + offset).getBytes(StandardCharsets.UTF_8));
    }
}
