package io.atrium.standins.graph;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * What WireMock's stubs cannot say for Graph, added to every answer: OData's {@code @odata.context} and
 * {@code @odata.nextLink} (which follow the request's query), {@code $select} on a user, Graph's error envelope with
 * its request ids, and the record of what was received. The stubs ({@link GraphStubs}) name their kind of answer in
 * the transformer parameter {@value #KIND}.
 */
final class GraphAnswers implements ResponseTransformerV2 {

    static final String KIND = "graph";
    static final String USER = "user";
    static final String GROUPS = "groups";
    static final String ERROR = "error";
    static final String NEXT_SKIP_TOKEN = "nextSkipToken";
    private static final String JSON_TYPE =
            "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";
    private static final List<String> USER_PROPERTIES =
            List.of("id", "displayName", "userPrincipalName", "mail", "jobTitle", "department");
    /** What Graph returns of these without {@code $select}; department has to be asked for. */
    private static final List<String> USER_DEFAULT_PROPERTIES =
            List.of("displayName", "jobTitle", "mail", "userPrincipalName", "id");
    private static final int REQUESTS_KEPT = 1_000;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Clock clock;
    private final Deque<GraphRequest> received = new ArrayDeque<>();

    GraphAnswers(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Response transform(Response response, ServeEvent serveEvent) {
        Parameters parameters = serveEvent.getTransformerParameters();
        String kind = parameters == null ? null : parameters.getString(KIND, null);
        if (kind == null) {
            // The gate's refusal, which no stub answered: complete already.
            return response;
        }
        Request request = serveEvent.getRequest();
        Map<String, String> query = query(request.getUrl());
        ObjectNode body;
        GraphError error = null;
        try {
            body = (ObjectNode) MAPPER.readTree(response.getBodyAsString());
            if (USER.equals(kind)) {
                body = profile(request, body, query);
            } else if (GROUPS.equals(kind)) {
                body = page(request, body, query, parameters.getString(NEXT_SKIP_TOKEN, null));
            } else {
                error = stubbedError(request, query, parameters.getString(ERROR, ""));
            }
        } catch (GraphError.Refusal refusal) {
            error = refusal.error();
            body = null;
        } catch (JsonProcessingException | ClassCastException e) {
            error = GraphError.generalException();
            body = null;
        }
        Ids ids = Ids.of(request);
        int status = error == null ? response.getStatus() : error.status();
        remember(request, status);
        return Response.Builder.like(response).but().status(status)
                .headers(headers(response.getHeaders(), ids, status))
                .body(json(error == null ? body : error.body(ids.requestId, ids.clientRequestId, clock.instant())))
                .build();
    }

    /** The gate's answer to a token it refuses, complete here since it never reaches a stub. */
    ResponseDefinition refusal(Request request, GraphError error) {
        Ids ids = Ids.of(request);
        remember(request, error.status());
        return ResponseDefinitionBuilder.responseDefinition()
                .withStatus(error.status())
                .withHeaders(headers(HttpHeaders.noHeaders(), ids, error.status()))
                .withBody(json(error.body(ids.requestId, ids.clientRequestId, clock.instant())))
                .build();
    }

    synchronized List<GraphRequest> received() {
        return List.copyOf(received);
    }

    private static ObjectNode profile(Request request, ObjectNode user, Map<String, String> query)
            throws GraphError.Refusal {
        String select = query.get("$select");
        List<String> properties = select == null ? USER_DEFAULT_PROPERTIES : Arrays.asList(select.split(","));
        for (String property : properties) {
            if (!USER_PROPERTIES.contains(property)) {
                throw new GraphError.Refusal(GraphError.unknownProperty(property, "microsoft.graph.user"));
            }
        }
        ObjectNode body = MAPPER.createObjectNode();
        body.put("@odata.context",
                serviceRoot(request) + "/$metadata#users" + (select == null ? "" : "(" + select + ")") + "/$entity");
        properties.forEach(property -> body.set(property, user.get(property)));
        return body;
    }

    /** Graph's links are absolute and keep the request's query, with the next page's skip token. */
    private static ObjectNode page(Request request, ObjectNode page, Map<String, String> query,
                                   String nextSkipToken) {
        String select = query.get("$select");
        ObjectNode body = MAPPER.createObjectNode();
        body.put("@odata.context", serviceRoot(request) + "/$metadata#groups" + (select == null ? "" : "(" + select
                + ")"));
        if (nextSkipToken != null) {
            Map<String, String> next = new LinkedHashMap<>(query);
            next.remove("$skiptoken");
            next.put("$skiptoken", nextSkipToken);
            body.put("@odata.nextLink", serviceRoot(request) + URI.create(request.getUrl()).getRawPath()
                    .substring(GraphStubs.VERSION.length()) + "?" + form(next));
        }
        body.set("value", page.get("value"));
        return body;
    }

    /** The errors stubs answer, worded from the request as Graph words them. */
    private static GraphError stubbedError(Request request, Map<String, String> query, String error) {
        return switch (error) {
            case GraphStubs.PAGE_SIZE -> GraphError.badRequest("Invalid page size specified: '" + query.get("$top")
                    + "'. Must be between 1 and " + GraphStubs.GRAPH_MAX_TOP + " inclusive.");
            case GraphStubs.SKIP_TOKEN -> GraphError.badRequest("Invalid $skiptoken value '" + query.get("$skiptoken")
                    + "'.");
            case GraphStubs.METHOD -> GraphError.methodNotAllowed();
            default -> {
                String path = URI.create(request.getUrl()).getPath().replaceAll("/+$", "");
                yield GraphError.segmentNotFound(path.substring(path.lastIndexOf('/') + 1));
            }
        };
    }

    private static HttpHeaders headers(HttpHeaders stubbed, Ids ids, int status) {
        HttpHeaders headers = stubbed.plus(new HttpHeader("Content-Type", JSON_TYPE),
                new HttpHeader("request-id", ids.requestId), new HttpHeader("client-request-id", ids.clientRequestId));
        return status == 401 ? headers.plus(new HttpHeader("WWW-Authenticate",
                "Bearer realm=\"\", client_id=\"" + AccessTokenCheck.GRAPH_APP_ID + "\"")) : headers;
    }

    private static String serviceRoot(Request request) {
        URI absolute = URI.create(request.getAbsoluteUrl());
        return absolute.getScheme() + "://" + absolute.getAuthority() + GraphStubs.VERSION;
    }

    private synchronized void remember(Request request, int status) {
        URI uri = URI.create(request.getUrl());
        if (received.size() == REQUESTS_KEPT) {
            received.removeFirst();
        }
        received.addLast(new GraphRequest(request.getMethod().getName(), uri.getPath(),
                Optional.ofNullable(uri.getQuery()).orElse(""),
                Optional.ofNullable(request.getHeader(GraphGate.USER_HEADER)), status));
    }

    private static Map<String, String> query(String url) {
        Map<String, String> query = new LinkedHashMap<>();
        String raw = URI.create(url).getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] nameAndValue = pair.split("=", 2);
                query.put(URLDecoder.decode(nameAndValue[0], StandardCharsets.UTF_8),
                        nameAndValue.length == 2 ? URLDecoder.decode(nameAndValue[1], StandardCharsets.UTF_8) : "");
            }
        }
        return query;
    }

    /** Graph keeps {@code $} and {@code ,} literal in its links ({@code $select=id,displayName}), as done here. */
    private static String form(Map<String, String> query) {
        return query.entrySet().stream()
                .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("%24", "$").replace("%2C", ",");
    }

    private static String json(ObjectNode body) {
        try {
            return MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("JSON of a tree cannot fail", e);
        }
    }

    @Override
    public String getName() {
        return "graph-answers";
    }

    /** Graph's {@code request-id}, and the client's {@code client-request-id} echoed (or the request id). */
    private record Ids(String requestId, String clientRequestId) {

        static Ids of(Request request) {
            String requestId = UUID.randomUUID().toString();
            String clientRequestId = request.getHeader("client-request-id");
            return new Ids(requestId, clientRequestId == null ? requestId : clientRequestId);
        }
    }
}
