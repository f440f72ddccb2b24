package io.atrium.web.security;

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

/**
 * Puts the browser headers on every answer. Atrium's authentication mechanism runs first on every request and answers
 * many itself (redirects to Entra, the sign-in problem page, 401 from the API) before any servlet filter would run, so
 * they are set here, around it, and stay on error pages too.
 */
@Decorator
@Priority(Interceptor.Priority.LIBRARY_BEFORE)
public abstract class BrowserHeadersOnEveryAnswer implements HttpAuthenticationMechanism {

    @Inject
    @Delegate
    @Any
    HttpAuthenticationMechanism mechanism;

    @Inject
    BrowserHeaders headers;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) throws AuthenticationException {
        headers.apply(request, response);
        return mechanism.validateRequest(request, response, context);
    }
}
