package io.atrium.identity.internal.graph;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.atrium.identity.AccessTokenUnavailableException;
import io.atrium.identity.AccessTokens;
import io.atrium.identity.EmployeeToken;
import io.atrium.identity.internal.oidc.SignInFailure;

/** Graph tokens of an employee, exchanged on their behalf for the token they hold for Atrium. */
@ApplicationScoped
public class GraphTokens {

    /** Graph's delegated permission to read the signed-in user's profile and own group memberships. */
    public static final String USER_READ = "https://graph.microsoft.com/User.Read";

    @Inject
    AccessTokens accessTokens;

    public GraphToken onBehalfOf(String tenantId, String objectId, String atriumAccessToken) {
        return () -> {
            try {
                return accessTokens.onBehalfOf(new EmployeeToken(tenantId, objectId, atriumAccessToken), USER_READ);
            } catch (AccessTokenUnavailableException e) {
                throw new SignInFailure(SignInFailure.Reason.ENTRA_UNREACHABLE, "no Microsoft Graph token on behalf "
                        + "of oid=" + objectId + ": " + e.getMessage(), e);
            } catch (IllegalArgumentException e) {
                // Not a JWT of this employee (an opaque token, another tenant's): nothing to exchange.
                throw new SignInFailure(SignInFailure.Reason.TOKEN_REJECTED, "the access token of oid=" + objectId
                        + " cannot be exchanged on their behalf: " + e.getMessage(), e);
            }
        };
    }
}
