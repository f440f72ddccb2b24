package io.atrium.standins.graph;

import java.time.Clock;
import java.util.Set;

import com.nimbusds.jwt.JWTClaimsSet;

import io.atrium.standins.tokens.EntraAccessTokenCheck;
import io.atrium.standins.tokens.TrustedIssuer;

/**
 * Accepts a bearer token as Graph does: an Entra access token for Graph (the shared {@link EntraAccessTokenCheck})
 * naming a user by {@code oid}. Each refusal carries Graph's 401 wording.
 */
final class AccessTokenCheck {

    /** Microsoft Graph's application id, the {@code aud} of Graph tokens in Entra's v2 format. */
    static final String GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";
    private static final String GRAPH_RESOURCE = "https://graph.microsoft.com";

    private final EntraAccessTokenCheck tokens;

    private AccessTokenCheck(EntraAccessTokenCheck tokens) {
        this.tokens = tokens;
    }

    static AccessTokenCheck trusting(TrustedIssuer trusted, Clock clock) {
        return new AccessTokenCheck(EntraAccessTokenCheck.trusting(trusted,
                Set.of(GRAPH_APP_ID, GRAPH_RESOURCE, trusted.clientId()), clock));
    }

    /** The object id of the user the {@code Authorization} header's token speaks for. */
    String userId(String authorization) throws GraphError.Refusal {
        JWTClaimsSet claims;
        try {
            claims = tokens.claims(authorization);
        } catch (EntraAccessTokenCheck.Refused refused) {
            throw new GraphError.Refusal(switch (refused.refusal()) {
                case MISSING -> GraphError.emptyToken();
                case NOT_A_JWT -> GraphError.unparsableToken();
                case BAD_SIGNATURE -> GraphError.invalidToken("Access token validation failure.");
                case WRONG_ISSUER -> GraphError.invalidToken("Access token validation failure. Invalid issuer.");
                case WRONG_AUDIENCE -> GraphError.invalidToken("Access token validation failure. Invalid audience.");
                case EXPIRED -> GraphError.invalidToken("Lifetime validation failed, the token is expired.");
                case NOT_YET_VALID -> GraphError.invalidToken("Lifetime validation failed, the token is not yet valid.");
            });
        }
        Object oid = claims.getClaim("oid");
        if (!(oid instanceof String userId) || userId.isBlank()) {
            throw new GraphError.Refusal(GraphError.invalidToken("Access token validation failure."));
        }
        return userId;
    }
}
