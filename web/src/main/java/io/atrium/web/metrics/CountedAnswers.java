package io.atrium.web.metrics;

import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.atrium.identity.EntraSettings;

/**
 * Counts what Atrium's authentication mechanism decides: sign-ins completed at the callback, sign-ins refused there
 * (by the status of the page the employee sees), and API calls refused for their token. Counted around the mechanism,
 * which answers these requests itself.
 */
@Decorator
@Priority(Interceptor.Priority.LIBRARY_BEFORE + 10)
public abstract class CountedAnswers implements HttpAuthenticationMechanism {

    /** Where Entra returns the browser (the README's redirect URI). */
    private static final String CALLBACK_PATH = "/auth/callback";

    @Inject
    @Delegate
    @Any
    HttpAuthenticationMechanism mechanism;

    @Inject
    AtriumMetrics metrics;

    @Inject
    EntraSettings entra;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) throws AuthenticationException {
        AuthenticationStatus status = mechanism.validateRequest(request, response, context);
        String path = request.getServletPath();
        if (CALLBACK_PATH.equals(path)) {
            countSignIn(status, response);
        } else if (status == AuthenticationStatus.SEND_FAILURE && (path.equals("/api") || path.startsWith("/api/"))) {
            metrics.apiRefused(response.getStatus());
        }
        return status;
    }

    /**
     * A completed sign-in redirects to the page first asked for; a silent sign-in Entra declined redirects back to
     * Entra for one interactive try, which is neither success nor failure yet.
     */
    private void countSignIn(AuthenticationStatus status, HttpServletResponse response) {
        if (status == AuthenticationStatus.SEND_FAILURE) {
            metrics.signInFailed(response.getStatus());
            return;
        }
        String location = response.getHeader("Location");
        if (location != null && !location.startsWith(entra.authorityHost())) {
            metrics.signInSucceeded(response.getStatus());
        }
    }
}
