package io.atrium.standins.graph;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;

import io.atrium.standins.EntraTenant;
import io.atrium.standins.entra.DemoAccount;
import io.atrium.standins.tokens.TrustedIssuer;

/**
 * Microsoft Graph for dev mode and tests, on plain http bound to 127.0.0.1, playing the two calls Atrium makes on a
 * user's behalf: {@code GET /v1.0/me} and {@code GET /v1.0/me/transitiveMemberOf/microsoft.graph.group} (the ids of
 * every group the user is in, paged with {@code @odata.nextLink}).
 *
 * <p>It checks bearer tokens for real against the trusted Entra tenant's keys and answers a bad one with Graph's 401
 * {@code InvalidAuthenticationToken}; the token's {@code oid} chooses the user. It does not check scopes. A test can
 * see what arrived with {@link #received()}.
 */
public final class GraphStandIn implements AutoCloseable {

    /** Small enough that a user in a few hundred groups needs several pages. */
    public static final int DEFAULT_PAGE_SIZE = 100;

    private final HttpServer server;
    private final ExecutorService executor;
    private final GraphHandler handler;

    private GraphStandIn(HttpServer server, ExecutorService executor, GraphHandler handler) {
        this.server = server;
        this.executor = executor;
        this.handler = handler;
    }

    /** Starts a stand-in on a free port that trusts the tokens of {@code entra} and knows every demo account. */
    public static GraphStandIn forDemoAccountsOf(EntraTenant entra) {
        return start(0, new TrustedIssuer(entra.issuer(), entra.clientId(), entra.truststore(),
                entra.truststorePassword()), DemoAccount.ALL.stream().map(GraphUser::of).toList());
    }

    /**
     * Starts a stand-in that knows {@code users}, with pages of at most {@value #DEFAULT_PAGE_SIZE} groups.
     *
     * @param port the port on 127.0.0.1, or 0 for any free one
     * @throws UncheckedIOException when it cannot listen, or cannot read the issuer's metadata
     */
    public static GraphStandIn start(int port, TrustedIssuer issuer, List<GraphUser> users) {
        return start(port, issuer, users, DEFAULT_PAGE_SIZE);
    }

    /** As {@link #start(int, TrustedIssuer, List)}, with pages of at most {@code maxPageSize} groups. */
    public static GraphStandIn start(int port, TrustedIssuer issuer, List<GraphUser> users, int maxPageSize) {
        return start(port, issuer, users, maxPageSize, Clock.systemUTC());
    }

    static GraphStandIn start(int port, TrustedIssuer issuer, List<GraphUser> users, int maxPageSize, Clock clock) {
        if (maxPageSize < 1) {
            throw new IllegalArgumentException("A page holds at least one group, not " + maxPageSize);
        }
        GraphHandler handler = new GraphHandler(AccessTokenCheck.trusting(issuer, clock), users, maxPageSize, clock);
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("The Graph stand-in cannot listen on 127.0.0.1:" + port, e);
        }
        ExecutorService executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "graph-stand-in");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", handler);
        GraphStandIn standIn = new GraphStandIn(server, executor, handler);
        handler.baseUrl(standIn.baseUrl());
        server.start();
        return standIn;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Graph's service root as Atrium's {@code ATRIUM_DOWNSTREAM_GRAPH_BASE_URL} takes it: {@code http://localhost:PORT/v1.0}. */
    public String baseUrl() {
        return "http://localhost:" + port() + GraphHandler.VERSION;
    }

    /** The last requests received (at most 1,000), oldest first, whatever was answered to them. */
    public List<GraphRequest> received() {
        return handler.received();
    }

    /** How many of the requests kept were made with an accepted token of the user {@code userId}. */
    public long requestsBy(String userId) {
        return received().stream().filter(request -> request.userId().equals(Optional.of(userId))).count();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
