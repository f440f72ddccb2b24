package io.atrium.identity.internal.oidc;

import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;
import java.util.logging.Logger;

import io.atrium.identity.EmployeePrincipal;

/**
 * An {@link EmployeeSession} as it is serialized: the three tokens sealed together ({@link SessionTokenSeal}), bound
 * to the employee and the sign-in time so that sealed tokens cannot be moved into another session. A session whose
 * tokens cannot be opened (its key was dropped, or the bytes were changed) reads back as no session: the browser is
 * sent to sign in again.
 */
record SealedEmployeeSession(EmployeePrincipal employee, SessionTokenSeal.Sealed tokens,
                             Instant accessTokenExpiresAt, String entraSessionId, Instant signedInAt)
        implements Serializable {

    private static final Logger LOG = Logger.getLogger(SealedEmployeeSession.class.getName());
    /** Separates the tokens in the sealed text; none of them (JWTs, Entra's refresh tokens) holds a newline. */
    private static final String SEPARATOR = "\n";

    static SealedEmployeeSession of(EmployeeSession session) {
        String plain = String.join(SEPARATOR, text(session.idToken()), text(session.accessToken()),
                text(session.refreshToken()));
        return new SealedEmployeeSession(session.employee(),
                SessionTokenSeal.installed().seal(plain, context(session.employee(), session.signedInAt())),
                session.accessTokenExpiresAt(), session.entraSessionId(), session.signedInAt());
    }

    @Serial
    private Object readResolve() {
        return SessionTokenSeal.installed().open(tokens, context(employee, signedInAt))
                .map(plain -> plain.split(SEPARATOR, -1))
                .filter(parts -> parts.length == 3)
                .map(parts -> new EmployeeSession(employee, orNull(parts[0]), orNull(parts[1]), accessTokenExpiresAt,
                        orNull(parts[2]), entraSessionId, signedInAt))
                .orElseGet(() -> {
                    LOG.warning(() -> "a session of " + employee.username() + " came with tokens sealed by key '"
                            + tokens.keyId() + "', which this instance cannot open: the employee signs in again");
                    return null;
                });
    }

    private static String context(EmployeePrincipal employee, Instant signedInAt) {
        return employee.tenantId() + "/" + employee.objectId() + "@" + signedInAt;
    }

    private static String text(String token) {
        return token == null ? "" : token;
    }

    private static String orNull(String text) {
        return text.isEmpty() ? null : text;
    }
}
