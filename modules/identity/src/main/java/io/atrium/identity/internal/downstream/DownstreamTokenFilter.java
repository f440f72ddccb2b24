package io.atrium.identity.internal.downstream;

import java.util.Optional;
import java.util.function.Supplier;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

import io.atrium.identity.AccessTokenUnavailableException;
import io.atrium.identity.AccessTokens;
import io.atrium.identity.EmployeeToken;

/**
 * Puts the token a downstream API is configured for on each request to it: Atrium's own, or the calling employee's,
 * exchanged on their behalf. The employee is the one the current request serves, found when the filter runs, which is
 * on the calling thread for the synchronous calls Atrium makes.
 */
public final class DownstreamTokenFilter implements ClientRequestFilter {

    private final DownstreamApi api;
    private final AccessTokens tokens;
    private final Supplier<Optional<EmployeeToken>> callingEmployee;

    public DownstreamTokenFilter(DownstreamApi api, AccessTokens tokens,
                                 Supplier<Optional<EmployeeToken>> callingEmployee) {
        this.api = api;
        this.tokens = tokens;
        this.callingEmployee = callingEmployee;
    }

    @Override
    public void filter(ClientRequestContext request) {
        request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + token(null));
    }

    /**
     * The API refused the token with a claims challenge: a new one asking for the claims, for the next request.
     *
     * @throws AccessTokenUnavailableException when Entra gives none, such as when the employee must sign in again
     */
    public void answerChallenge(String claims) {
        token(claims);
    }

    private String token(String claimsChallenge) {
        return switch (api.mode()) {
            case APP -> tokens.forApp(api.scopes(), claimsChallenge);
            case ON_BEHALF_OF -> tokens.onBehalfOf(callingEmployee.get().orElseThrow(() ->
                    AccessTokenUnavailableException.noAnswer("the API '" + api.name() + "' is called on behalf of "
                            + "an employee, and this request serves none (no signed-in session, no employee's "
                            + "bearer token)", null)), api.scopes(), claimsChallenge);
        };
    }
}
