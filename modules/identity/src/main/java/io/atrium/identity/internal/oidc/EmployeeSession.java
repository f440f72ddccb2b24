package io.atrium.identity.internal.oidc;

import java.io.Serializable;
import java.time.Instant;

import io.atrium.identity.EmployeePrincipal;

/**
 * What a signed-in browser session holds. The tokens stay on the server: they are never written to a cookie, a page,
 * a log or the database.
 */
public record EmployeeSession(EmployeePrincipal employee, String idToken, String accessToken, String refreshToken,
                              Instant signedInAt) implements Serializable {

    @Override
    public String toString() {
        return "EmployeeSession[" + employee.username() + ", signed in at " + signedInAt + "]";
    }
}
