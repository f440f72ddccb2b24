package io.atrium.identity.internal.security;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.atrium.identity.internal.oidc.EmployeeSession;
import io.atrium.identity.internal.oidc.OidcSignIn;
import io.atrium.identity.internal.oidc.Prompt;
import io.atrium.identity.internal.oidc.SignInFailure;

/**
 * Sends a browser to Entra: for a protected page without a session (straight there, no login page of Atrium's),
 * again when Entra demanded it ({@code SignInAgain}), and as the answer of a Faces Ajax request or an event stream,
 * which cannot follow a redirect. Also writes the sign-in problem page.
 */
@ApplicationScoped
public class SignInStart {

    private static final Logger LOG = Logger.getLogger(SignInStart.class.getName());

    private final OidcSignIn signIn;

    @Inject
    public SignInStart(OidcSignIn signIn) {
        this.signIn = signIn;
    }

    /** For CDI's proxy. */
    protected SignInStart() {
        this(null);
    }

    AuthenticationStatus start(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
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
    AuthenticationStatus signInAgain(HttpServletRequest request, HttpServletResponse response,
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

    AuthenticationStatus redirectToEntra(HttpServletRequest request, HttpServletResponse response,
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

    static AuthenticationStatus problem(HttpServletRequest request, HttpServletResponse response,
                                                SignInFailure failure) {
        LOG.log(Level.WARNING, failure.getCause(), () -> "sign-in failed: reason=" + failure.reason()
                + " reference=" + SignInProblemPage.reference(response, failure)
                + (failure.entraCorrelationId() == null ? "" : " entra-correlation-id=" + failure.entraCorrelationId())
                + " detail=" + failure.getMessage());
        return page(request, response, failure);
    }

    static AuthenticationStatus page(HttpServletRequest request, HttpServletResponse response,
                                             SignInFailure failure) {
        try {
            SignInProblemPage.write(request.getContextPath() + "/", response, failure);
        } catch (IOException e) {
            LOG.log(Level.FINE, "browser went away before its sign-in problem page", e);
        }
        return AuthenticationStatus.SEND_FAILURE;
    }
}
