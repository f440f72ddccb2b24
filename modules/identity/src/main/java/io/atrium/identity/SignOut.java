package io.atrium.identity;

import java.net.URI;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import io.atrium.identity.internal.oidc.EmployeeSession;
import io.atrium.identity.internal.oidc.OidcSignIn;
import io.atrium.identity.internal.security.EmployeeSessions;
import io.atrium.identity.internal.security.SignedOutMarker;

/** Signs an employee out of Atrium, and out of Entra ID too when the browser follows the returned address. */
@ApplicationScoped
public class SignOut {

    private static final Logger LOG = Logger.getLogger(SignOut.class.getName());

    @Inject
    OidcSignIn signIn;

    /**
     * Ends the local session at once and returns Entra's end-session address, which signs the employee out of Entra
     * and then brings them to the signed-out page.
     */
    public URI signOut(HttpServletRequest request, HttpServletResponse response) {
        HttpSession session = request.getSession(false);
        EmployeeSession signedIn = EmployeeSessions.find(session);
        if (session != null) {
            session.invalidate();
        }
        SignedOutMarker.set(response);
        if (signedIn != null) {
            LOG.info(() -> "sign-out: user=" + signedIn.employee().username() + " oid=" + signedIn.employee().objectId());
        }
        return signIn.endSessionUri(request, signedIn == null ? null : signedIn.idToken());
    }
}
