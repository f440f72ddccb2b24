package io.atrium.identity;

import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import io.atrium.identity.internal.oidc.OidcSettings;
import io.atrium.identity.internal.oidc.ReturnPath;
import io.atrium.identity.internal.security.SignInAgainRequests;

/**
 * For pages: when Entra refuses a token because the employee must sign in again (multi-factor authentication, a
 * Conditional Access policy, consent), the page sends the browser to sign in again, with Entra's claims challenge,
 * and the employee comes back to the page. An API answers its caller with 401 instead
 * ({@link AccessTokenUnavailableException#wwwAuthenticate()}).
 */
@ApplicationScoped
public class SignInAgain {

    private static final Logger LOG = Logger.getLogger(SignInAgain.class.getName());

    @Inject
    HttpServletRequest request;

    /**
     * The context-relative path to send the browser to, or empty when signing in again cannot help: the refusal is
     * not one the employee can resolve, the request has no browser session, or the employee was just sent to sign in
     * for the same challenge (which would loop).
     *
     * @param returnTo the page to come back to, a path within Atrium such as {@code /index.xhtml}
     */
    public Optional<String> pathFor(AccessTokenUnavailableException refusal, String returnTo) {
        return pathFor(refusal, returnTo, request.getSession(false));
    }

    /**
     * As {@link #pathFor(AccessTokenUnavailableException, String)}, for a refusal that arrives after the request
     * thread let go (a streamed answer), with the browser session held since.
     *
     * @param session the employee's browser session, or null
     */
    public Optional<String> pathFor(AccessTokenUnavailableException refusal, String returnTo, HttpSession session) {
        if (!refusal.interactionRequired() || session == null) {
            return Optional.empty();
        }
        String localReturn = ReturnPath.orHome(returnTo);
        String claims = refusal.claimsChallenge().orElse(null);
        if (!SignInAgainRequests.ask(session, claims, localReturn, Instant.now())) {
            LOG.warning(() -> "Entra asked again for the sign-in the employee just made (" + refusal.entraErrorCode()
                    .orElse(refusal.entraError().orElse("no code")) + "); not sending them round again");
            return Optional.empty();
        }
        return Optional.of(OidcSettings.SIGN_IN_AGAIN_PATH);
    }
}
