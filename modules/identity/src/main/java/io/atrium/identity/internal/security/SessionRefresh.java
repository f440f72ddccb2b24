package io.atrium.identity.internal.security;

import java.text.ParseException;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpSession;

import com.nimbusds.jwt.JWTParser;

import io.atrium.identity.EmployeePrincipal;
import io.atrium.identity.events.EmployeeRolesRefreshed;
import io.atrium.identity.internal.oidc.EmployeeSession;
import io.atrium.identity.internal.oidc.OidcSignIn;
import io.atrium.identity.internal.oidc.SignInFailure;

/**
 * Keeps a signed-in browser session good: ends it at its maximum lifetime, refreshes the employee's tokens before
 * the access token expires (one refresh per session at a time), and ends it when Entra refuses the refresh.
 */
@ApplicationScoped
public class SessionRefresh {

    private static final Logger LOG = Logger.getLogger(SessionRefresh.class.getName());

    private final SessionSettings sessionSettings;
    private final OidcSignIn signIn;
    private final Event<EmployeeRolesRefreshed> rolesRefreshed;

    @Inject
    public SessionRefresh(SessionSettings sessionSettings, OidcSignIn signIn,
                          Event<EmployeeRolesRefreshed> rolesRefreshed) {
        this.sessionSettings = sessionSettings;
        this.signIn = signIn;
        this.rolesRefreshed = rolesRefreshed;
    }

    /** For CDI's proxy. */
    protected SessionRefresh() {
        this(null, null, null);
    }

    /**
     * The session's signed-in employee while the session is still good: within its maximum lifetime, and with an
     * access token refreshed before it expires. A session that is no longer good is ended here.
     */
    EmployeeSession current(HttpSession session) {
        EmployeeSession signedIn = EmployeeSessions.find(session);
        if (signedIn == null) {
            return null;
        }
        Instant now = Instant.now();
        if (sessionSettings.outlived(signedIn.signedInAt(), now)) {
            LOG.info(() -> "session reached its maximum lifetime: user=" + signedIn.employee().username());
            EmployeeSessions.end(session);
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
                EmployeeSessions.end(session);
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
                    employee.username(), employee.roles(), SignInCallback.appRoles(JWTParser.parse(after.idToken()).getJWTClaimsSet()),
                    Instant.now()));
        } catch (RuntimeException | ParseException e) {
            LOG.log(Level.WARNING, e, () -> "roles changed at token refresh could not be recorded: oid="
                    + employee.objectId());
        }
    }
}
