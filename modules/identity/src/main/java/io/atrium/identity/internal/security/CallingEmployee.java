package io.atrium.identity.internal.security;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.atrium.identity.CurrentEmployee;
import io.atrium.identity.EmployeePrincipal;
import io.atrium.identity.EmployeeToken;
import io.atrium.identity.internal.bearer.JsonWebTokenProducer;
import io.atrium.identity.internal.oidc.EmployeeSession;

/** The access token of the employee a request serves: an API caller's bearer token, or the browser session's token. */
public final class CallingEmployee {

    private CallingEmployee() {
    }

    /** Empty for an application calling on its own and for a request without a signed-in employee. */
    public static Optional<EmployeeToken> tokenOf(HttpServletRequest request) {
        if (request.getAttribute(JsonWebTokenProducer.REQUEST_ATTRIBUTE) instanceof JsonWebToken apiToken) {
            // The mechanism names an employee only for delegated tokens; an application's own token acts for no one.
            return request.getAttribute(CurrentEmployee.REQUEST_ATTRIBUTE) instanceof EmployeePrincipal employee
                    ? Optional.of(new EmployeeToken(employee.tenantId(), employee.objectId(), apiToken.getRawToken()))
                    : Optional.empty();
        }
        EmployeeSession session = EmployeeSessions.find(request.getSession(false));
        return session == null ? Optional.empty() : Optional.of(new EmployeeToken(session.employee().tenantId(),
                session.employee().objectId(), session.accessToken()));
    }
}
