package io.atrium.identity.internal.oidc;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;

/**
 * What Atrium must remember between sending the browser to Entra and its return: the secrets bound to this one
 * attempt and where the employee wanted to go. That place is only ever a path of Atrium's own ({@link ReturnPath}):
 * every sign-in passes through here, and so does a session read back from another instance.
 */
record PendingSignIn(String state, String nonce, String codeVerifier, String redirectUri, String returnTo,
                     Prompt prompt, Instant startedAt) implements Serializable {

    /** Long enough for a person to pick an account and type a password and MFA code; short enough to be useless if stolen. */
    static final Duration LIFETIME = Duration.ofMinutes(15);

    PendingSignIn {
        returnTo = ReturnPath.orHome(returnTo);
    }

    boolean expiredAt(Instant now) {
        return startedAt.plus(LIFETIME).isBefore(now);
    }
}
