package io.atrium.identity.internal.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import io.atrium.identity.CurrentEmployee;
import io.atrium.identity.EmployeePrincipal;
import io.atrium.identity.internal.oidc.EmployeeSession;
import io.atrium.identity.internal.oidc.LocalStanding;
import io.atrium.identity.internal.oidc.OidcSettings;
import io.atrium.identity.internal.oidc.SignInFailure;

/**
 * Atrium's one authentication mechanism, which routes each request to the class that handles it:
 * <ul>
 *   <li>{@code /api/*} and {@code /metrics}: programs with bearer tokens ({@link ApiCallAuthentication});</li>
 *   <li>Entra's return to the callback completes the OpenID Connect sign-in ({@link SignInCallback});</li>
 *   <li>Entra's front-channel logout, and a provider's back-channel logout, end the sessions of the Entra session they
 *   name ({@link LogoutEndpoints});</li>
 *   <li>a page that met Entra's demand to sign in again goes back to Entra ({@link SignInStart#signInAgain});</li>
 *   <li>a browser session that has signed in is applied, kept fresh until its maximum lifetime ({@link SessionRefresh})
 *   and with Atrium's own grants and disabled flag as they are now;</li>
 *   <li>any other request for a protected page sends the browser straight to Entra ({@link SignInStart}).</li>
 * </ul>
 * It runs on every request, protected or not, so each branch is kept cheap. Why one mechanism that routes rather than
 * several under Jakarta Security 4's handler: docs/architecture.md.
 */
@ApplicationScoped
public class AtriumAuthenticationMechanism implements HttpAuthenticationMechanism {

    private final ApiCallAuthentication apiCalls;
    private final SignInCallback callback;
    private final LogoutEndpoints logouts;
    private final SignInStart signInStart;
    private final SessionRefresh sessionRefresh;
    private final SessionRegistry sessions;
    private final LocalStanding localStanding;

    @Inject
    public AtriumAuthenticationMechanism(ApiCallAuthentication apiCalls, SignInCallback callback,
                                         LogoutEndpoints logouts, SignInStart signInStart,
                                         SessionRefresh sessionRefresh, SessionRegistry sessions,
                                         LocalStanding localStanding) {
        this.apiCalls = apiCalls;
        this.callback = callback;
        this.logouts = logouts;
        this.signInStart = signInStart;
        this.sessionRefresh = sessionRefresh;
        this.sessions = sessions;
        this.localStanding = localStanding;
    }

    /** For CDI's proxy. */
    protected AtriumAuthenticationMechanism() {
        this(null, null, null, null, null, null, null);
    }

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        if (ApiCallAuthentication.covers(request)) {
            return apiCalls.authenticate(request, response, context);
        }
        String path = request.getServletPath();
        if (OidcSettings.CALLBACK_PATH.equals(path)) {
            return callback.complete(request, response, context);
        }
        if (OidcSettings.FRONT_CHANNEL_LOGOUT_PATH.equals(path)) {
            return logouts.frontChannel(request, response);
        }
        if (OidcSettings.BACK_CHANNEL_LOGOUT_PATH.equals(path)) {
            return logouts.backChannel(request, response);
        }
        if (OidcSettings.SIGN_IN_AGAIN_PATH.equals(path)) {
            return signInStart.signInAgain(request, response, context);
        }
        HttpSession session = request.getSession(false);
        EmployeeSession signedInSession = sessionRefresh.current(session);
        if (signedInSession != null) {
            sessions.adopt(session);
            EmployeePrincipal employee;
            try {
                // Atrium's own grants and a disabled flag can change during a session: applied on every request.
                employee = localStanding.applyToSession(signedInSession.employee());
            } catch (SignInFailure disabled) {
                EmployeeSessions.end(session);
                return SignInStart.problem(request, response, disabled);
            }
            request.setAttribute(CurrentEmployee.REQUEST_ATTRIBUTE, employee);
            return context.notifyContainerAboutLogin(employee, employee.roles());
        }
        if (!context.isProtected()) {
            return context.doNothing();
        }
        return signInStart.start(request, response, context);
    }
}
