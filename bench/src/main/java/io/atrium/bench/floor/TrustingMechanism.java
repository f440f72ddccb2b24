package io.atrium.bench.floor;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A Jakarta Security mechanism that does no work: any Authorization header makes the caller Erin with the employee
 * role. What a request costs behind it is what Payara charges for having a mechanism at all (its Jakarta
 * Authentication bridge and the servlet constraint checks), the floor under any real mechanism, Atrium's included.
 */
@ApplicationScoped
public class TrustingMechanism implements HttpAuthenticationMechanism {

    private static final Set<String> ROLES = Set.of("employee");

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        if (request.getHeader("Authorization") != null) {
            return context.notifyContainerAboutLogin("erin@atrium.example", ROLES);
        }
        return context.isProtected() ? context.responseUnauthorized() : context.doNothing();
    }
}
