package io.atrium.identity.internal.oidc;

import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;

import io.atrium.identity.EmployeePrincipal;

/**
 * What a signed-in browser session holds. The tokens stay on the server: they are never written to a cookie, a page,
 * a log or the database, and a serialized session (replicated through the data grid) carries them sealed
 * ({@link SealedEmployeeSession}).
 *
 * @param entraSessionId Entra's {@code sid} for this sign-in, when the ID token carries one (front-channel logout)
 */
public record EmployeeSession(EmployeePrincipal employee, String idToken, String accessToken,
                              Instant accessTokenExpiresAt, String refreshToken, String entraSessionId,
                              Instant signedInAt) implements Serializable {

    /** True when the access token expires within {@code margin}, so downstream calls would soon use an expired one. */
    public boolean accessTokenExpiresWithin(Duration margin, Instant now) {
        return accessTokenExpiresAt.minus(margin).isBefore(now);
    }

    /**
     * The same sign-in carrying the tokens of a refresh and the employee as the refreshed ID token describes them;
     * Entra may or may not rotate the refresh token.
     */
    public EmployeeSession refreshed(EmployeePrincipal newEmployee, String newIdToken, String newAccessToken,
                                     Instant newExpiry, String newRefreshToken) {
        return new EmployeeSession(newEmployee, newIdToken, newAccessToken, newExpiry,
                newRefreshToken == null ? refreshToken : newRefreshToken, entraSessionId, signedInAt);
    }

    @Serial
    private Object writeReplace() {
        return SealedEmployeeSession.of(this);
    }

    @Override
    public String toString() {
        return "EmployeeSession[" + employee.username() + ", signed in at " + signedInAt + "]";
    }
}
