package io.atrium.identity.internal.security;

import java.text.ParseException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;

import io.atrium.identity.EmployeePrincipal;
import io.atrium.identity.events.EmployeeSignInFailed;
import io.atrium.identity.events.EmployeeSignedIn;
import io.atrium.identity.internal.oidc.EmployeeSession;
import io.atrium.identity.internal.oidc.OidcSettings;
import io.atrium.identity.internal.oidc.OidcSignIn;
import io.atrium.identity.internal.oidc.Prompt;
import io.atrium.identity.internal.oidc.SignInFailure;
import io.atrium.identity.internal.oidc.SilentSignInDeclined;
import io.atrium.identity.internal.oidc.UnsolicitedCallback;

/**
 * Entra's return to {@code /auth/callback}: the sign-in is completed and recorded (or its refusal is, when this
 * browser started it), the session gets a new id and the employee, and the browser goes back where it started.
 */
@ApplicationScoped
public class SignInCallback {

    private static final Logger LOG = Logger.getLogger(SignInCallback.class.getName());

    private final OidcSignIn signIn;
    private final SignInStart signInStart;
    private final Event<EmployeeSignedIn> signedIn;
    private final Event<EmployeeSignInFailed> signInFailed;
    private final SessionSettings sessionSettings;
    private final SessionRegistry sessions;
    private final OidcSettings oidcSettings;
    private final UnsolicitedCallbacks unsolicitedCallbacks;

    @Inject
    public SignInCallback(OidcSignIn signIn, SignInStart signInStart, Event<EmployeeSignedIn> signedIn,
                          Event<EmployeeSignInFailed> signInFailed, SessionSettings sessionSettings,
                          SessionRegistry sessions, OidcSettings oidcSettings,
                          UnsolicitedCallbacks unsolicitedCallbacks) {
        this.signIn = signIn;
        this.signInStart = signInStart;
        this.signedIn = signedIn;
        this.signInFailed = signInFailed;
        this.sessionSettings = sessionSettings;
        this.sessions = sessions;
        this.oidcSettings = oidcSettings;
        this.unsolicitedCallbacks = unsolicitedCallbacks;
    }

    /** For CDI's proxy. */
    protected SignInCallback() {
        this(null, null, null, null, null, null, null, null);
    }

    AuthenticationStatus complete(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
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
            return signInStart.redirectToEntra(request, response, context, declined.returnTo(), Prompt.DEFAULT, false, null);
        } catch (SignInFailure failure) {
            recordFailure(request, response, failure);
            return SignInStart.problem(request, response, failure);
        } catch (UnsolicitedCallback unsolicited) {
            // Counted, not recorded and not logged one by one: it names nobody, and anyone can send any number.
            unsolicitedCallbacks.count(unsolicited);
            return SignInStart.page(request, response, new SignInFailure(SignInFailure.Reason.CALLBACK_NOT_EXPECTED,
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

    static Set<String> appRoles(JWTClaimsSet idToken) throws ParseException {
        List<String> appRoles = idToken.getStringListClaim("roles");
        return appRoles == null ? Set.of() : Set.copyOf(appRoles);
    }
}
