package io.atrium.standins.graph;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.atrium.standins.EntraTenant;
import io.atrium.standins.entra.DemoAccount;
import io.atrium.standins.tokens.TrustedIssuer;

/**
 * Microsoft Graph for dev mode and tests, a WireMock server on plain http bound to 127.0.0.1, playing the two calls
 * Atrium makes on a user's behalf: {@code GET /v1.0/me} and {@code GET /v1.0/me/transitiveMemberOf/microsoft.graph.group}
 * (the ids of every group the user is in, paged with {@code @odata.nextLink}).
 *
 * <p>Its stubs ({@link GraphStubs}) hold each user's answers. What WireMock cannot do is in two extensions: the
 * {@link GraphGate} checks bearer tokens for real against the trusted Entra tenant's keys, answers a bad one with
 * Graph's 401 {@code InvalidAuthenticationToken} and lets the token's {@code oid} choose the user; {@link GraphAnswers}
 * adds OData's links and Graph's envelopes. It does not check scopes. A test can see what arrived with
 * {@link #received()}.
 */
public final class GraphStandIn implements AutoCloseable {

    /** Small enough that a user in a few hundred groups needs several pages. */
    public static final int DEFAULT_PAGE_SIZE = 100;

    private final WireMockServer server;
    private final GraphAnswers answers;

    private GraphStandIn(WireMockServer server, GraphAnswers answers) {
        this.server = server;
        this.answers = answers;
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
     * @throws UncheckedIOException when it cannot read the issuer's metadata
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
        GraphAnswers answers = new GraphAnswers(clock);
        GraphGate gate = new GraphGate(AccessTokenCheck.trusting(issuer, clock),
                users.stream().map(GraphUser::id).collect(Collectors.toSet()), answers);
        // No journal: the stand-in keeps its own record, without tokens and bounded, for dev mode's long runs.
        WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").port(port)
                .disableRequestJournal().gzipDisabled(true).extensions(gate, answers));
        server.start();
        GraphStubs.of(users, maxPageSize).forEach(server::stubFor);
        return new GraphStandIn(server, answers);
    }

    public int port() {
        return server.port();
    }

    /** Graph's service root as Atrium's {@code ATRIUM_DOWNSTREAM_GRAPH_BASE_URL} takes it: {@code http://localhost:PORT/v1.0}. */
    public String baseUrl() {
        return "http://localhost:" + port() + GraphStubs.VERSION;
    }

    /** The last requests received (at most 1,000), oldest first, whatever was answered to them. */
    public List<GraphRequest> received() {
        return answers.received();
    }

    /** How many of the requests kept were made with an accepted token of the user {@code userId}. */
    public long requestsBy(String userId) {
        return received().stream().filter(request -> request.userId().equals(Optional.of(userId))).count();
    }

    @Override
    public void close() {
        server.stop();
    }
}
