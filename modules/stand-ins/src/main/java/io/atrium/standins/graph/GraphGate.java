package io.atrium.standins.graph;

import java.util.List;
import java.util.Set;

import com.github.tomakehurst.wiremock.extension.requestfilter.RequestFilterAction;
import com.github.tomakehurst.wiremock.extension.requestfilter.RequestWrapper;
import com.github.tomakehurst.wiremock.extension.requestfilter.StubRequestFilterV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * What WireMock cannot do for Graph: checks the bearer token before anything else, whatever the path, as Graph does,
 * and answers a bad one with Graph's 401. An accepted token's user goes on to the stubs in {@link #USER_HEADER}, so
 * that they match by user; a user the directory does not hold gets Graph's 404.
 */
final class GraphGate implements StubRequestFilterV2 {

    /** Set here only: one a client sent is replaced. */
    static final String USER_HEADER = "X-Stand-In-User";

    private final AccessTokenCheck tokens;
    private final Set<String> userIds;
    private final GraphAnswers answers;

    GraphGate(AccessTokenCheck tokens, Set<String> userIds, GraphAnswers answers) {
        this.tokens = tokens;
        this.userIds = Set.copyOf(userIds);
        this.answers = answers;
    }

    @Override
    public RequestFilterAction filter(Request request, ServeEvent serveEvent) {
        try {
            String userId = tokens.userId(request.getHeader("Authorization"));
            if (!userIds.contains(userId)) {
                throw new GraphError.Refusal(GraphError.userNotFound(userId));
            }
            RequestWrapper.Builder withUser = request.containsHeader(USER_HEADER)
                    ? RequestWrapper.create().transformHeader(USER_HEADER, sent -> List.of(userId))
                    : RequestWrapper.create().addHeader(USER_HEADER, userId);
            return RequestFilterAction.continueWith(withUser.wrap(request));
        } catch (GraphError.Refusal refusal) {
            return RequestFilterAction.stopWith(answers.refusal(request, refusal.error()));
        }
    }

    @Override
    public String getName() {
        return "graph-gate";
    }
}
