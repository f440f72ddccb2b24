package io.atrium.web.api;

import java.util.logging.Logger;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import io.atrium.identity.AccessTokenUnavailableException;

/**
 * Entra gave no token for an API Atrium calls on the caller's behalf. When the employee must sign in again (multi-factor
 * authentication, a Conditional Access policy), the caller gets 401 with Entra's claims challenge in
 * {@code WWW-Authenticate}, as Microsoft documents for middle-tier APIs, so that its MSAL signs the employee in again
 * with those claims and calls once more. Anything else is Atrium's problem, not the caller's: 503.
 */
@Provider
public class AccessTokenRefusalMapper implements ExceptionMapper<AccessTokenUnavailableException> {

    private static final Logger LOG = Logger.getLogger(AccessTokenRefusalMapper.class.getName());

    @Override
    public Response toResponse(AccessTokenUnavailableException refusal) {
        LOG.info(() -> "no downstream token for the API caller: " + refusal.getMessage());
        return refusal.wwwAuthenticate()
                .map(challenge -> Problems.of(Response.Status.UNAUTHORIZED, "Entra ID requires the employee to sign "
                                + "in again (" + refusal.entraErrorCode().orElse(refusal.entraError().orElse("")) + ")"
                                + ": acquire a new token with the claims in the WWW-Authenticate header and call again.")
                        .header("WWW-Authenticate", challenge))
                .orElseGet(() -> Problems.of(Response.Status.SERVICE_UNAVAILABLE, "Atrium could not obtain a token "
                                + "for a service it needs to answer this request. Try again later.")
                        .header("Retry-After", "30"))
                .build();
    }
}
