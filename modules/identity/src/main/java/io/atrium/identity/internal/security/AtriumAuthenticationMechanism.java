package io.atrium.identity.internal.security;

import java.io.IOException;
import java.net.URI;
import java.text.ParseException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;

import io.atrium.identity.CurrentEmployee;
import io.atrium.identity.EmployeePrincipal;
import io.atrium.identity.events.EmployeeRolesRefreshed;
import io.atrium.identity.events.EmployeeSignInFailed;
import io.atrium.identity.events.EmployeeSignedIn;
import io.atrium.identity.internal.bearer.ApiCallRefused;
import io.atrium.identity.internal.bearer.ApiCaller;
import io.atrium.identity.internal.bearer.BearerAuthentication;
import io.atrium.identity.internal.bearer.JsonWebTokenProducer;
import io.atrium.identity.internal.oidc.EmployeeSession;
import io.atrium.identity.internal.oidc.LocalStanding;
import io.atrium.identity.internal.oidc.OidcSettings;
import io.atrium.identity.internal.oidc.OidcSignIn;
import io.atrium.identity.internal.oidc.Prompt;
import io.atrium.identity.internal.oidc.SignInFailure;
import io.atrium.identity.internal.oidc.SilentSignInDeclined;
import io.atrium.identity.internal.oidc.UnsolicitedCallback;

/**
 * Atrium's one authentication mechanism (Jakarta Security 3.0 allows one per application). It routes each request:
 * <ul>
 *   <li>{@code /api/*} and {@code /metrics} are for programs: an Entra bearer token or 401/403 per RFC 6750, never a
 *   redirect and never the browser session, so the API needs no CSRF defence;</li>
 *   <li>Entra's return to the callback completes the OpenID Connect sign-in;</li>
 *   <li>Entra's front-channel logout, and a provider's back-channel logout, end the sessions of the Entra session they
 *   name ({@link LogoutEndpoints});</li>
 *   <li>a browser session that has signed in is applied as it is, until its maximum lifetime;</li>
 *   <li>any other request for a protected page sends the browser straight to Entra.</li>
 * </ul>
 * It runs on every request, protected or not, so each branch is kept cheap.
 */
@ApplicationScoped
public class AtriumAuthenticationMechanism implements HttpAuthenticationMechanism {

    private static final Logger LOG = Logger.getLogger(AtriumAuthenticationMechanism.class.getName());

    private final OidcSignIn signIn;
    private final Event<EmployeeSignedIn> signedIn;
    private final SessionSettings sessionSettings;
    private final SessionRegistry sessions;
    private final OidcSettings oidcSettings;
    private final BearerAuthentication bearerAuthentication;
    private final LocalStanding localStanding;
    private final Event<EmployeeSignInFailed> signInFailed;
    private final UnsolicitedCallbacks unsolicitedCallbacks;
    private final Event<EmployeeRolesRefreshed> rolesRefreshed;
    private final LogoutEndpoints logouts;

    @Inject
    public AtriumAuthenticationMechanism(OidcSignIn signIn, Event<EmployeeSignedIn> signedIn,
                                         SessionSettings sessionSettings, SessionRegistry sessions,
                                         OidcSettings oidcSettings, BearerAuthentication bearerAuthentication,
                                         LocalStanding localStanding, Event<EmployeeSignInFailed> signInFailed,
                                         UnsolicitedCallbacks unsolicitedCallbacks,
                                         Event<EmployeeRolesRefreshed> rolesRefreshed, LogoutEndpoints logouts) {
        this.signIn = signIn;
        this.signedIn = signedIn;
        this.sessionSettings = sessionSettings;
        this.sessions = sessions;
        this.oidcSettings = oidcSettings;
        this.bearerAuthentication = bearerAuthentication;
        this.localStanding = localStanding;
        this.signInFailed = signInFailed;
        this.unsolicitedCallbacks = unsolicitedCallbacks;
        this.rolesRefreshed = rolesRefreshed;
        this.logouts = logouts;
    }

    /** For CDI's proxy. */
    protected AtriumAuthenticationMechanism() {
        this(null, null, null, null, null, null, null, null, null, null, null);
    }

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        if (isApi(request)) {
            return authenticateApiCall(request, response, context);
        }
        String path = request.getServletPath();
        if (OidcSettings.CALLBACK_PATH.equals(path)) {
            return completeSignIn(request, response, context);
        }
        if (OidcSettings.FRONT_CHANNEL_LOGOUT_PATH.equals(path)) {
            return logouts.frontChannel(request, response);
        }
        if (OidcSettings.BACK_CHANNEL_LOGOUT_PATH.equals(path)) {
            return logouts.backChannel(request, response);
        }
        if (OidcSettings.SIGN_IN_AGAIN_PATH.equals(path)) {
            return signInAgain(request, response, context);
        }
        HttpSession session = request.getSession(false);
        EmployeeSession signedInSession = current(session);
        if (signedInSession != null) {
            sessions.adopt(session);
            EmployeePrincipal employee;
            try {
                // Atrium's own grants and a disabled flag can change during a session: applied on every request.
                employee = localStanding.applyToSession(signedInSession.employee());
            } catch (SignInFailure disabled) {
                session.invalidate();
                return problem(request, response, disabled);
            }
            request.setAttribute(CurrentEmployee.REQUEST_ATTRIBUTE, employee);
            return context.notifyContainerAboutLogin(employee, employee.roles());
        }
        if (!context.isProtected()) {
            return context.doNothing();
        }
        return startSignIn(request, response, context);
    }

    /**
     * The session's signed-in employee while the session is still good: within its maximum lifetime, and with an
     * access token refreshed before it expires. A session that is no longer good is ended here.
     */
    private EmployeeSession current(HttpSession session) {
        EmployeeSession signedIn = EmployeeSessions.find(session);
        if (signedIn == null) {
            return null;
        }
        Instant now = Instant.now();
        if (sessionSettings.outlived(signedIn.signedInAt(), now)) {
            LOG.info(() -> "session reached its maximum lifetime: user=" + signedIn.employee().username());
            session.invalidate();
            return null;
        }
        if (!signedIn.accessTokenExpiresWithin(sessionSettings.refreshMargin(), now)) {
            return signedIn;
        }
        // One refresh per session at a time; a request that waited finds the token already fresh.
        synchronized (session) {
            EmployeeSession latest = EmployeeSessions.find(session);
            if (latest == null || !latest.accessTokenExpiresWithin(sessionSettings.refreshMargin(), now)) {
                return latest;
            }
            try {
                EmployeeSession refreshed = signIn.refresh(latest);
                EmployeeSessions.keep(session, refreshed);
                LOG.fine(() -> "access token refreshed: user=" + refreshed.employee().username());
                if (!refreshed.employee().roles().equals(latest.employee().roles())) {
                    rolesChanged(latest, refreshed);
                }
                return refreshed;
            } catch (SignInFailure failure) {
                LOG.info(() -> "session ended, its tokens cannot be refreshed: user=" + latest.employee().username()
                        + " reason=" + failure.getMessage());
                session.invalidate();
                return null;
            }
        }
    }

    /** Recorded, not vetoed: the session follows Entra whether or not the audit trail can take it down. */
    private void rolesChanged(EmployeeSession before, EmployeeSession after) {
        EmployeePrincipal employee = after.employee();
        LOG.info(() -> "roles changed in Entra, applied at token refresh: user=" + employee.username() + " oid="
                + employee.objectId() + " roles=" + before.employee().roles() + " -> " + employee.roles());
        try {
            rolesRefreshed.fire(new EmployeeRolesRefreshed(employee.tenantId(), employee.objectId(),
                    employee.username(), employee.roles(), appRoles(JWTParser.parse(after.idToken()).getJWTClaimsSet()),
                    Instant.now()));
        } catch (RuntimeException | ParseException e) {
            LOG.log(Level.WARNING, e, () -> "roles changed at token refresh could not be recorded: oid="
                    + employee.objectId());
        }
    }

    private static Set<String> appRoles(JWTClaimsSet idToken) throws ParseException {
        List<String> appRoles = idToken.getStringListClaim("roles");
        return appRoles == null ? Set.of() : Set.copyOf(appRoles);
    }

    /** The API, and the Prometheus metrics Payara serves in the application: read by programs with Entra tokens. */
    private static boolean isApi(HttpServletRequest request) {
        String path = request.getServletPath();
        return path.equals("/api") || path.startsWith("/api/") || path.equals("/metrics") || path.startsWith("/metrics/");
    }

    /**
     * An API call is judged by its bearer token alone. Without one, a protected resource answers 401 with a bare
     * challenge (RFC 6750 3.1: no error code when no credentials were offered).
     */
    private AuthenticationStatus authenticateApiCall(HttpServletRequest request, HttpServletResponse response,
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
                ApiProblem.write(response, refused.status(), refused.error(), refused.getMessage());
            } catch (IOException e) {
                LOG.log(Level.FINE, "API caller went away before its refusal", e);
            }
            return AuthenticationStatus.SEND_FAILURE;
        } catch (IOException e) {
            LOG.log(Level.FINE, "API caller went away before its refusal", e);
            return AuthenticationStatus.SEND_FAILURE;
        }
    }

    private AuthenticationStatus startSignIn(HttpServletRequest request, HttpServletResponse response,
                                             HttpMessageContext context) {
        if (wantsEventStream(request)) {
            return refuseEventStream(request, response);
        }
        boolean facesAjax = "partial/ajax".equals(request.getHeader("Faces-Request"));
        // A form post cannot be replayed after the round trip to Entra, so its page is where the employee returns.
        // Anyone can make a link whose path reads as another host (//evil.example): the sign-in keeps only a path of
        // Atrium's own (ReturnPath).
        String returnTo = request.getRequestURI();
        if ("GET".equals(request.getMethod()) && !facesAjax && request.getQueryString() != null) {
            returnTo += "?" + request.getQueryString();
        }
        return redirectToEntra(request, response, context, returnTo,
                signIn.configuredPrompt(SignedOutMarker.isSet(request)), facesAjax, null);
    }

    /** A browser's EventSource asks only for {@code text/event-stream}. */
    private static boolean wantsEventStream(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return accept != null && accept.toLowerCase(Locale.ROOT).startsWith("text/event-stream");
    }

    /**
     * An event stream cannot follow a redirect to Entra's sign-in page (the browser would read Entra's HTML as
     * events): it is refused with 401, and the page that opened it sends the employee to sign in.
     */
    private static AuthenticationStatus refuseEventStream(HttpServletRequest request, HttpServletResponse response) {
        LOG.fine(() -> "event stream without a signed-in session refused: path=" + request.getRequestURI());
        try {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setHeader("Cache-Control", "no-store");
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().print("Sign in to Atrium first: this stream needs a signed-in browser session.");
            response.flushBuffer();
        } catch (IOException e) {
            LOG.log(Level.FINE, "browser went away before its event stream was refused", e);
        }
        return AuthenticationStatus.SEND_FAILURE;
    }

    /**
     * A page met Entra's demand that the employee sign in again ({@code SignInAgain}): off to Entra, interactively and
     * with the claims Entra asked for; the session stays as it is until the new sign-in replaces it.
     */
    private AuthenticationStatus signInAgain(HttpServletRequest request, HttpServletResponse response,
                                             HttpMessageContext context) {
        Optional<SignInAgainRequests.Request> asked = SignInAgainRequests.take(request.getSession(false));
        if (asked.isEmpty()) {
            return context.redirect(request.getContextPath() + "/");
        }
        EmployeeSession current = EmployeeSessions.find(request.getSession(false));
        LOG.info(() -> "signing in again as Entra asked: user=" + (current == null ? "-" : current.employee().username())
                + " claims=" + (asked.get().claims() == null ? "none" : "yes"));
        return redirectToEntra(request, response, context, asked.get().returnTo(), Prompt.DEFAULT, false,
                asked.get().claims());
    }

    private AuthenticationStatus redirectToEntra(HttpServletRequest request, HttpServletResponse response,
                                                 HttpMessageContext context, String returnTo, Prompt prompt,
                                                 boolean facesAjax, String claims) {
        try {
            URI authorize = signIn.start(request, returnTo, prompt, claims);
            if (facesAjax) {
                return ajaxRedirect(response, authorize);
            }
            return context.redirect(authorize.toString());
        } catch (SignInFailure failure) {
            return problem(request, response, failure);
        }
    }

    /** Faces' Ajax requests cannot follow a 302; the partial-response redirect makes the page navigate instead. */
    private static AuthenticationStatus ajaxRedirect(HttpServletResponse response, URI location) {
        try {
            response.setContentType("text/xml;charset=UTF-8");
            response.getWriter().print("<?xml version=\"1.0\" encoding=\"UTF-8\"?><partial-response><redirect url=\""
                    + SignInProblemPage.escape(location.toString()) + "\"/></partial-response>");
            response.flushBuffer();
        } catch (IOException e) {
            LOG.log(Level.FINE, "browser went away before its sign-in redirect", e);
        }
        return AuthenticationStatus.SEND_CONTINUE;
    }

    private AuthenticationStatus completeSignIn(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        try {
            OidcSignIn.CompletedSignIn completed = signIn.complete(request);
            EmployeeSession signedInSession = completed.session();
            EmployeePrincipal employee = signedInSession.employee();
            JWTClaimsSet idToken = idTokenClaims(signedInSession);
            record(request, signedInSession, idToken);
            // A new session id at sign-in, so that an id planted before it (session fixation) is worth nothing.
            request.changeSessionId();
            HttpSession session = request.getSession();
            session.setMaxInactiveInterval(sessionSettings.idleTimeoutSeconds());
            EmployeeSessions.keep(session, signedInSession);
            sessions.register(session, signedInSession.entraSessionId(), idToken.getIssuer(), idToken.getSubject(),
                    employee.tenantId(), employee.objectId());
            SignedOutMarker.clear(response);
            LOG.info(() -> "sign-in succeeded: user=" + employee.username() + " oid=" + employee.objectId()
                    + " tid=" + employee.tenantId() + " roles=" + employee.roles());
            return context.redirect(completed.returnTo());
        } catch (SilentSignInDeclined declined) {
            LOG.fine(declined::getMessage);
            return redirectToEntra(request, response, context, declined.returnTo(), Prompt.DEFAULT, false, null);
        } catch (SignInFailure failure) {
            recordFailure(request, response, failure);
            return problem(request, response, failure);
        } catch (UnsolicitedCallback unsolicited) {
            // Counted, not recorded and not logged one by one: it names nobody, and anyone can send any number.
            unsolicitedCallbacks.count(unsolicited);
            return page(request, response, new SignInFailure(SignInFailure.Reason.CALLBACK_NOT_EXPECTED,
                    unsolicited.getMessage()));
        }
    }

    /** The claims of the ID token the sign-in has just verified. */
    private static JWTClaimsSet idTokenClaims(EmployeeSession signedInSession) throws SignInFailure {
        try {
            return JWTParser.parse(signedInSession.idToken()).getJWTClaimsSet();
        } catch (ParseException e) {
            throw new SignInFailure(SignInFailure.Reason.TOKEN_REJECTED, "ID token claims unreadable", e)
                    .attempted(signedInSession.employee());
        }
    }

    private void record(HttpServletRequest request, EmployeeSession signedInSession, JWTClaimsSet idToken)
            throws SignInFailure {
        EmployeePrincipal employee = signedInSession.employee();
        try {
            signedIn.fire(new EmployeeSignedIn(employee.tenantId(), employee.objectId(), employee.username(),
                    employee.displayName(), employee.email(), employee.roles(), signedInSession.entraSessionId(),
                    ClientAddress.of(request, oidcSettings.trustedProxies()), request.getHeader("User-Agent"),
                    Instant.now(), idToken.getIssuer(), idToken.getSubject(), appRoles(idToken)));
        } catch (RuntimeException | ParseException e) {
            throw new SignInFailure(SignInFailure.Reason.NOT_RECORDED, "sign-in of oid=" + employee.objectId()
                    + " could not be recorded: " + e, e).attempted(employee);
        }
    }

    /** A refused sign-in is recorded too; if even that fails, the refusal stands and the log says so. */
    private void recordFailure(HttpServletRequest request, HttpServletResponse response, SignInFailure failure) {
        EmployeePrincipal attempted = failure.attempted();
        try {
            signInFailed.fire(new EmployeeSignInFailed(attempted == null ? null : attempted.tenantId(),
                    attempted == null ? null : attempted.objectId(), attempted == null ? null : attempted.username(),
                    failure.reason().name().toLowerCase(java.util.Locale.ROOT), failure.entraErrorCode(), null,
                    ClientAddress.of(request, oidcSettings.trustedProxies()), request.getHeader("User-Agent"),
                    Instant.now()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, e, () -> "failed sign-in could not be recorded: reference="
                    + SignInProblemPage.reference(response, failure));
        }
    }

    private static AuthenticationStatus problem(HttpServletRequest request, HttpServletResponse response,
                                                SignInFailure failure) {
        LOG.log(Level.WARNING, failure.getCause(), () -> "sign-in failed: reason=" + failure.reason()
                + " reference=" + SignInProblemPage.reference(response, failure)
                + (failure.entraCorrelationId() == null ? "" : " entra-correlation-id=" + failure.entraCorrelationId())
                + " detail=" + failure.getMessage());
        return page(request, response, failure);
    }

    private static AuthenticationStatus page(HttpServletRequest request, HttpServletResponse response,
                                             SignInFailure failure) {
        try {
            SignInProblemPage.write(request.getContextPath() + "/", response, failure);
        } catch (IOException e) {
            LOG.log(Level.FINE, "browser went away before its sign-in problem page", e);
        }
        return AuthenticationStatus.SEND_FAILURE;
    }
}
