package io.atrium.identity.internal.graph;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.nimbusds.jose.util.JSONObjectUtils;

/**
 * Reads from Microsoft Graph the ids of every group a user is in, directly or through nested groups
 * ({@code GET /me/transitiveMemberOf/microsoft.graph.group}), with a delegated access token of that user.
 *
 * <p>The JDK's HTTP client rather than a MicroProfile REST Client interface: Graph pages with absolute
 * {@code @odata.nextLink} URLs whose skip tokens are opaque and must be followed as given, which an interface method
 * cannot express without taking the link apart. The service root is the downstream API {@code graph}'s, whose
 * settings {@code DownstreamApiSettings} checks. A link is followed only to Graph's own origin, so that the user's
 * token is never sent anywhere else.
 */
@ApplicationScoped
public class GraphGroups {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration PAGE_TIMEOUT = Duration.ofSeconds(10);
    /** 50 pages of up to 999 groups: a bound so that a link that never ends cannot hold a sign-in forever. */
    static final int MAX_PAGES = 50;
    private static final String MY_GROUP_IDS = "/me/transitiveMemberOf/microsoft.graph.group?$select=id&$top=999";
    private static final Logger LOG = Logger.getLogger(GraphGroups.class.getName());

    private final String baseUrl;
    private final HttpClient http;

    @Inject
    public GraphGroups(@ConfigProperty(name = "atrium.downstream.graph.base-url") String baseUrl) {
        String trimmed = baseUrl.strip();
        this.baseUrl = trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
        // Graph does not redirect these calls; following a redirect could carry the token elsewhere.
        this.http = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** For CDI's proxy, which must not open an HTTP client of its own. */
    protected GraphGroups() {
        this.baseUrl = null;
        this.http = null;
    }

    /**
     * The object ids of the groups the token's user is in, every page of them.
     *
     * @param accessToken a delegated Microsoft Graph access token of the user; User.Read is enough for their own
     *                    groups
     * @throws GraphFailure when Graph cannot be reached, refuses the token or answers something unreadable
     */
    public Set<String> transitiveGroupIds(String accessToken) throws GraphFailure {
        URI origin = parse(baseUrl);
        if (origin == null || origin.getHost() == null) {
            throw new GraphFailure("ATRIUM_DOWNSTREAM_GRAPH_BASE_URL (atrium.downstream.graph.base-url) is not a URL: '"
                    + baseUrl + "'");
        }
        Set<String> ids = new LinkedHashSet<>();
        URI next = URI.create(baseUrl + MY_GROUP_IDS);
        int pages = 0;
        while (next != null) {
            if (pages == MAX_PAGES) {
                throw new GraphFailure("Microsoft Graph still had more groups after " + MAX_PAGES + " pages ("
                        + ids.size() + " groups); the user's groups were not read to the end");
            }
            Map<String, Object> page = fetch(next, accessToken);
            pages++;
            ids.addAll(groupIds(page));
            next = nextLink(page, origin);
        }
        int pagesRead = pages;
        LOG.fine(() -> "Microsoft Graph listed " + ids.size() + " groups in " + pagesRead + " pages");
        return Collections.unmodifiableSet(ids);
    }

    private Map<String, Object> fetch(URI page, String accessToken) throws GraphFailure {
        HttpRequest request = HttpRequest.newBuilder(page)
                .timeout(PAGE_TIMEOUT)
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + accessToken)
                .GET()
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new GraphFailure("Microsoft Graph at " + baseUrl + " timed out: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new GraphFailure("Microsoft Graph at " + baseUrl + " cannot be reached: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GraphFailure("interrupted while waiting for Microsoft Graph at " + baseUrl, e);
        }
        if (response.statusCode() != 200) {
            throw new GraphFailure(refusal(response));
        }
        try {
            return JSONObjectUtils.parse(response.body());
        } catch (ParseException e) {
            throw new GraphFailure("Microsoft Graph's answer is not a JSON object: " + e.getMessage(), e);
        }
    }

    private static String refusal(HttpResponse<String> response) {
        int status = response.statusCode();
        String detail = " " + status + errorOf(response.body());
        return switch (status) {
            case 401 -> "Microsoft Graph refused the access token (HTTP" + detail + "). The sign-in's access token "
                    + "must be one for Microsoft Graph: ATRIUM_OIDC_SCOPES (atrium.oidc.scopes) may ask only for "
                    + "Graph's delegated scopes (such as User.Read) besides openid, profile, email and offline_access";
            case 403 -> "Microsoft Graph did not let Atrium read the user's groups (HTTP" + detail + "). The app "
                    + "registration needs the delegated permission GroupMember.Read.All (at least User.Read), with "
                    + "admin consent";
            default -> "Microsoft Graph answered HTTP" + detail + response.headers().firstValue("Retry-After")
                    .map(seconds -> "; it asks to retry after " + seconds + " s").orElse("");
        };
    }

    /** Graph's {@code error.code}, {@code error.message} and request id, which Microsoft's support asks for. */
    private static String errorOf(String body) {
        try {
            Map<String, Object> error = JSONObjectUtils.getJSONObject(JSONObjectUtils.parse(body), "error");
            if (error == null) {
                return "";
            }
            Map<String, Object> inner = JSONObjectUtils.getJSONObject(error, "innerError");
            String requestId = inner == null ? null : JSONObjectUtils.getString(inner, "request-id");
            return " " + JSONObjectUtils.getString(error, "code") + ": " + JSONObjectUtils.getString(error, "message")
                    + (requestId == null ? "" : "; request-id " + requestId);
        } catch (ParseException e) {
            return "";
        }
    }

    private static List<String> groupIds(Map<String, Object> page) throws GraphFailure {
        if (!(page.get("value") instanceof List<?> items)) {
            throw new GraphFailure("Microsoft Graph's answer has no 'value' list of groups");
        }
        List<String> ids = new ArrayList<>(items.size());
        for (Object item : items) {
            if (!(item instanceof Map<?, ?> group) || !(group.get("id") instanceof String id)) {
                throw new GraphFailure("Microsoft Graph listed a group without an id");
            }
            ids.add(id);
        }
        return ids;
    }

    private static URI nextLink(Map<String, Object> page, URI origin) throws GraphFailure {
        Object link = page.get("@odata.nextLink");
        if (link == null) {
            return null;
        }
        URI next = link instanceof String text ? parse(text) : null;
        if (next == null || next.getHost() == null) {
            throw new GraphFailure("Microsoft Graph's '@odata.nextLink' is not a URL");
        }
        if (!origin.getScheme().equalsIgnoreCase(next.getScheme()) || !origin.getHost().equalsIgnoreCase(next.getHost())
                || port(origin) != port(next)) {
            throw new GraphFailure("Microsoft Graph's next page is at " + next.getScheme() + "://"
                    + next.getRawAuthority() + ", not at " + origin.getScheme() + "://" + origin.getRawAuthority()
                    + "; it was not followed, so that the user's token goes nowhere else");
        }
        return next;
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static URI parse(String url) {
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
