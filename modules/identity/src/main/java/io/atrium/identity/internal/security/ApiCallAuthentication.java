package io.atrium.identity.internal.security;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.atrium.identity.CurrentEmployee;
import io.atrium.identity.internal.bearer.ApiCallRefused;
import io.atrium.identity.internal.bearer.ApiCaller;
import io.atrium.identity.internal.bearer.BearerAuthentication;
import io.atrium.identity.internal.bearer.JsonWebTokenProducer;

/**
 * Programs' calls: {@code /api/*} and {@code /metrics} are judged by an Entra bearer token alone, answered 401 or 403
 * per RFC 6750, never redirected and never given the browser session, so they need no CSRF defence.
 */
@ApplicationScoped
public class ApiCallAuthentication {

    private static final Logger LOG = Logger.getLogger(ApiCallAuthentication.class.getName());

    private final BearerAuthentication bearerAuthentication;

    @Inject
    public ApiCallAuthentication(BearerAuthentication bearerAuthentication) {
        this.bearerAuthentication = bearerAuthentication;
    }

    /** For CDI's proxy. */
    protected ApiCallAuthentication() {
        this(null);
    }

    /** The API, and the Prometheus metrics Payara serves in the application: read by programs with Entra tokens. */
    static boolean covers(HttpServletRequest request) {
        String path = request.getServletPath();
        return path.equals("/api") || path.startsWith("/api/") || path.equals("/metrics") || path.startsWith("/metrics/");
    }

    /**
     * An API call is judged by its bearer token alone. Without one, a protected resource answers 401 with a bare
     * challenge (RFC 6750 3.1: no error code when no credentials were offered).
     */
    AuthenticationStatus authenticate(HttpServletRequest request, HttpServletResponse response,
                                      HttpMessageContext context) {
        String authorization = request.getHeader("Authorization");
        boolean bearer = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
        try {
            if (!bearer) {
                if (!context.isProtected()) {
                    return context.doNothing();
                }
                ApiProblem.write(response, 401, null, "This API needs an Entra ID access token: "
                        + "send it as 'Authorization: Bearer <token>'.");
                return AuthenticationStatus.SEND_FAILURE;
            }
            ApiCaller caller = bearerAuthentication.authenticate(authorization.substring(7).strip());
            request.setAttribute(JsonWebTokenProducer.REQUEST_ATTRIBUTE, caller.token());
            if (caller.employee() != null) {
                request.setAttribute(CurrentEmployee.REQUEST_ATTRIBUTE, caller.employee());
            }
            return context.notifyContainerAboutLogin(caller.token(), caller.roles());
        } catch (ApiCallRefused refused) {
            LOG.info(() -> "API call refused: status=" + refused.status() + " error=" + refused.error() + " detail="
                    + refused.getMessage() + " path=" + request.getRequestURI());
            try {
                if (refused.claimsChallenge().isPresent()) {
                    ApiProblem.writeWithChallenge(response, refused.status(), refused.claimsChallenge().get(),
                            refused.getMessage());
                } else {
                    ApiProblem.write(response, refused.status(), refused.error(), refused.getMessage());
                }
            } catch (IOException e) {
                LOG.log(Level.FINE, "API caller went away before its refusal", e);
            }
            return AuthenticationStatus.SEND_FAILURE;
        } catch (IOException e) {
            LOG.log(Level.FINE, "API caller went away before its refusal", e);
            return AuthenticationStatus.SEND_FAILURE;
        }
    }
}
