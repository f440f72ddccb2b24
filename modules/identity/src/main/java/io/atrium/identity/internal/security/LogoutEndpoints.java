package io.atrium.identity.internal.security;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.nimbusds.openid.connect.sdk.claims.LogoutTokenClaimsSet;

import io.atrium.identity.events.EntraSignedOut;
import io.atrium.identity.internal.oidc.LogoutTokenVerifier;
import io.atrium.identity.internal.oidc.SignInFailure;

/**
 * Where the OpenID provider tells Atrium that an employee signed out elsewhere, without Atrium's session cookie:
 * <ul>
 *   <li>front-channel logout: Entra loads {@code /auth/front-channel-logout?sid=&iss=} in a hidden iframe of its
 *   sign-out page, and expects 200 whatever happens;</li>
 *   <li>back-channel logout: a provider POSTs a signed logout token to {@code /auth/back-channel-logout}; 200 when it
 *   is good, 400 when not (OpenID Connect Back-Channel Logout 1.0, 2.8).</li>
 * </ul>
 * Either way the sessions of that Entra session end here and, through the data grid, on every other instance.
 */
@ApplicationScoped
public class LogoutEndpoints {

    private static final Logger LOG = Logger.getLogger(LogoutEndpoints.class.getName());

    private final LogoutTokenVerifier logoutTokens;
    private final Event<EntraSignedOut> signedOut;

    @Inject
    public LogoutEndpoints(LogoutTokenVerifier logoutTokens, Event<EntraSignedOut> signedOut) {
        this.logoutTokens = logoutTokens;
        this.signedOut = signedOut;
    }

    /** For CDI's proxy. */
    protected LogoutEndpoints() {
        this(null, null);
    }

    AuthenticationStatus frontChannel(HttpServletRequest request, HttpServletResponse response) {
        String entraSessionId = present(request.getParameter("sid"));
        if (entraSessionId != null) {
            LOG.info("front-channel logout from Entra");
            signedOut.fire(new EntraSignedOut(present(request.getParameter("iss")), entraSessionId, null));
        }
        try {
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType("text/html;charset=UTF-8");
            response.setHeader("Cache-Control", "no-store");
            response.getWriter().print("<!DOCTYPE html><html lang=\"en\"><title>Signed out of Atrium</title></html>");
            response.flushBuffer();
        } catch (IOException e) {
            LOG.log(Level.FINE, "Entra's logout frame went away", e);
        }
        return AuthenticationStatus.SEND_CONTINUE;
    }

    AuthenticationStatus backChannel(HttpServletRequest request, HttpServletResponse response) {
        if (!"POST".equals(request.getMethod())) {
            return answer(response, 405, "invalid_request", "a logout token is POSTed");
        }
        String logoutToken = present(request.getParameter("logout_token"));
        if (logoutToken == null) {
            return answer(response, 400, "invalid_request", "the form has no logout_token");
        }
        LogoutTokenClaimsSet claims;
        try {
            claims = logoutTokens.verify(logoutToken);
        } catch (SignInFailure refused) {
            LOG.info(() -> "back-channel logout refused: " + refused.getMessage());
            return answer(response, 400, "invalid_request", "the logout token is not valid");
        }
        LOG.info("back-channel logout from the OpenID provider");
        signedOut.fire(new EntraSignedOut(claims.getIssuer().getValue(),
                claims.getSessionID() == null ? null : claims.getSessionID().getValue(),
                claims.getSubject() == null ? null : claims.getSubject().getValue()));
        return answer(response, 200, null, null);
    }

    private static AuthenticationStatus answer(HttpServletResponse response, int status, String error,
                                               String description) {
        try {
            response.setStatus(status);
            response.setHeader("Cache-Control", "no-store");
            if (error != null) {
                response.setContentType("application/json;charset=UTF-8");
                response.getWriter().print("{\"error\":\"" + error + "\",\"error_description\":\"" + description
                        + "\"}");
            }
            response.flushBuffer();
        } catch (IOException e) {
            LOG.log(Level.FINE, "the provider went away before the logout's answer", e);
        }
        return status == 200 ? AuthenticationStatus.SEND_CONTINUE : AuthenticationStatus.SEND_FAILURE;
    }

    private static String present(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
