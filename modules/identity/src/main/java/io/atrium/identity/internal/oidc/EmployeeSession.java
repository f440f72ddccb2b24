package io.atrium.identity.internal.oidc;

import java.io.Serializable;
import java.time.Instant;

import io.atrium.identity.EmployeePrincipal;

/**
 * What a signed-in browser session holds. The tokens stay on the server: they are never written to a cookie, a page,
 * a log or the database.
 *
 * @param entraSessionId Entra's {@code sid} for this sign-in, when the ID token carries one (front-channel logout)
 */
public record EmployeeSession(EmployeePrincipal employee, String idToken, String accessToken, String refreshToken,
                              String entraSessionId, Instant signedInAt) implements Serializable {

    @Override
    public String toString() {
        return "EmployeeSession[" + employee.username() + ", signed in at " + signedInAt + "]";
    }
}
