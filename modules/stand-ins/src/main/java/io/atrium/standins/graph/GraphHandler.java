package io.atrium.standins.graph;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * Answers {@code GET /v1.0/me} and {@code GET /v1.0/me/transitiveMemberOf/microsoft.graph.group} in Graph's JSON,
 * after checking the bearer token as Graph does (before anything else, whatever the path).
 */
final class GraphHandler implements HttpHandler {

    static final String VERSION = "/v1.0";
    private static final String ME = VERSION + "/me";
    private static final String MY_GROUPS = ME + "/transitiveMemberOf/microsoft.graph.group";
    /** Graph's default and largest page sizes for directory object collections. */
    private static final int GRAPH_DEFAULT_TOP = 100;
    private static final int GRAPH_MAX_TOP = 999;
    private static final List<String> USER_PROPERTIES =
            List.of("id", "displayName", "userPrincipalName", "mail", "jobTitle", "department");
    /** What Graph returns of these without {@code $select}; department has to be asked for. */
    private static final List<String> USER_DEFAULT_PROPERTIES =
            List.of("displayName", "jobTitle", "mail", "userPrincipalName", "id");
    private static final int REQUESTS_KEPT = 1_000;
    private static final String JSON_TYPE =
            "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Logger LOG = Logger.getLogger(GraphHandler.class.getName());

    private final AccessTokenCheck tokens;
    private final Map<String, GraphUser> users;
    private final int maxPageSize;
    private final Clock clock;
    private final Deque<GraphRequest> received = new ArrayDeque<>();
    private volatile String baseUrl;

    GraphHandler(AccessTokenCheck tokens, List<GraphUser> users, int maxPageSize, Clock clock) {
        this.tokens = tokens;
        this.users = users.stream().collect(Collectors.toUnmodifiableMap(GraphUser::id, user -> user));
        this.maxPageSize = maxPageSize;
        this.clock = clock;
    }

    /** Known once the server is bound; Graph's links ({@code @odata.nextLink}) are absolute. */
    void baseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    synchronized List<GraphRequest> received() {
        return List.copyOf(received);
    }

    @Override
    public void handle(HttpExchange exchange) {
        URI uri = exchange.getRequestURI();
        String requestId = UUID.randomUUID().toString();
        String clientRequestId = Optional.ofNullable(exchange.getRequestHeaders().getFirst("client-request-id"))
                .orElse(requestId);
        Optional<String> userId = Optional.empty();
        int status;
        ObjectNode body;
        try {
            exchange.getRequestBody().readAllBytes();
            userId = Optional.of(tokens.userId(exchange.getRequestHeaders().getFirst("Authorization")));
            body = answer(exchange.getRequestMethod(), uri, userId.get());
            status = 200;
        } catch (GraphError.Refusal refusal) {
            status = refusal.error().status();
            body = refusal.error().body(requestId, clientRequestId, clock.instant());
        } catch (IOException hungUp) {
            // The client went away before it finished asking; there is no one left to tell.
            remember(exchange, uri, userId, -1);
            exchange.close();
            return;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Graph stand-in failed to answer " + uri, e);
            GraphError error = GraphError.generalException();
            status = error.status();
            body = error.body(requestId, clientRequestId, clock.instant());
        }
        // Remembered before the answer leaves, so a test that has its answer sees the request in received().
        remember(exchange, uri, userId, status);
        try {
            send(exchange, status, body, requestId, clientRequestId);
        } catch (IOException hungUp) {
            // The client went away mid-answer; nobody is listening any more.
        } finally {
            exchange.close();
        }
    }

    private ObjectNode answer(String method, URI uri, String userId) throws GraphError.Refusal {
        String path = uri.getPath().replaceAll("/+$", "");
        if (!path.equals(ME) && !path.equals(MY_GROUPS)) {
            throw new GraphError.Refusal(GraphError.segmentNotFound(path.substring(path.lastIndexOf('/') + 1)));
        }
        if (!"GET".equals(method)) {
            throw new GraphError.Refusal(GraphError.methodNotAllowed());
        }
        GraphUser user = users.get(userId);
        if (user == null) {
            throw new GraphError.Refusal(GraphError.userNotFound(userId));
        }
        Map<String, String> query = query(uri);
        return path.equals(ME) ? profile(user, query) : groupsPage(user, query);
    }

    private ObjectNode profile(GraphUser user, Map<String, String> query) throws GraphError.Refusal {
        String select = query.get("$select");
        List<String> properties = select == null ? USER_DEFAULT_PROPERTIES : Arrays.asList(select.split(","));
        for (String property : properties) {
            if (!USER_PROPERTIES.contains(property)) {
                throw new GraphError.Refusal(GraphError.unknownProperty(property, "microsoft.graph.user"));
            }
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("@odata.context",
                baseUrl + "/$metadata#users" + (select == null ? "" : "(" + select + ")") + "/$entity");
        for (String property : properties) {
            body.put(property, switch (property) {
                case "id" -> user.id();
                case "displayName" -> user.displayName();
                case "userPrincipalName" -> user.userPrincipalName();
                case "mail" -> user.mail();
                case "jobTitle" -> user.jobTitle();
                default -> user.department();
            });
        }
        return body;
    }

    /**
     * One page of the user's groups. The stand-in's own page limit can be smaller than {@code $top}, as Graph's can
     * be, so a client has to follow {@code @odata.nextLink} whatever it asked for.
     */
    private ObjectNode groupsPage(GraphUser user, Map<String, String> query) throws GraphError.Refusal {
        int top = top(query.get("$top"));
        int offset = query.containsKey("$skiptoken") ? offset(query.get("$skiptoken")) : 0;
        List<String> groups = user.groupIds();
        int end = Math.min(groups.size(), offset + Math.min(top, maxPageSize));
        String select = query.get("$select");
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("@odata.context", baseUrl + "/$metadata#groups" + (select == null ? "" : "(" + select + ")"));
        if (end < groups.size()) {
            Map<String, String> next = new LinkedHashMap<>(query);
            next.remove("$skiptoken");
            next.put("$skiptoken", skipToken(end));
            body.put("@odata.nextLink", baseUrl + MY_GROUPS.substring(VERSION.length()) + "?" + form(next));
        }
        ArrayNode value = body.putArray("value");
        for (String id : groups.subList(Math.min(offset, end), end)) {
            value.addObject().put("@odata.type", "#microsoft.graph.group").put("id", id);
        }
        return body;
    }

    private static int top(String top) throws GraphError.Refusal {
        if (top == null) {
            return GRAPH_DEFAULT_TOP;
        }
        try {
            int size = Integer.parseInt(top);
            if (size >= 1 && size <= GRAPH_MAX_TOP) {
                return size;
            }
        } catch (NumberFormatException e) {
            // answered below like an out-of-range size
        }
        throw new GraphError.Refusal(GraphError.badRequest("Invalid page size specified: '" + top
                + "'. Must be between 1 and " + GRAPH_MAX_TOP + " inclusive."));
    }

    /** Graph's skip tokens are opaque; this one is the offset, encoded so that clients treat it as opaque too. */
    private static String skipToken(int offset) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("StandIn-Offset:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int offset(String skipToken) throws GraphError.Refusal {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(skipToken), StandardCharsets.UTF_8);
            if (decoded.startsWith("StandIn-Offset:")) {
                int offset = Integer.parseInt(decoded.substring("StandIn-Offset:".length()));
                if (offset >= 0) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException e) {
            // answered below like any other token this stand-in did not issue
        }
        throw new GraphError.Refusal(GraphError.badRequest("Invalid $skiptoken value '" + skipToken + "'."));
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> query = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
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

    private static void send(HttpExchange exchange, int status, ObjectNode body, String requestId,
                             String clientRequestId) throws IOException {
        byte[] bytes = MAPPER.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", JSON_TYPE);
        exchange.getResponseHeaders().set("request-id", requestId);
        exchange.getResponseHeaders().set("client-request-id", clientRequestId);
        if (status == 401) {
            exchange.getResponseHeaders().set("WWW-Authenticate",
                    "Bearer realm=\"\", client_id=\"" + AccessTokenCheck.GRAPH_APP_ID + "\"");
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private void remember(HttpExchange exchange, URI uri, Optional<String> userId, int status) {
        remember(new GraphRequest(exchange.getRequestMethod(), uri.getPath(),
                Optional.ofNullable(uri.getQuery()).orElse(""), userId, status));
    }

    private synchronized void remember(GraphRequest request) {
        if (received.size() == REQUESTS_KEPT) {
            received.removeFirst();
        }
        received.addLast(request);
    }
}
