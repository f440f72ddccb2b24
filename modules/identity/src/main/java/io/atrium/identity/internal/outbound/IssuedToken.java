package io.atrium.identity.internal.outbound;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** An access token from Entra and when it expires. */
record IssuedToken(String value, Instant expiresAt) {

    public IssuedToken {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** False from {@code margin} before the expiry on, so that no caller is handed a token about to lapse. */
    boolean usableFor(Duration margin, Instant now) {
        return expiresAt.minus(margin).isAfter(now);
    }

    /** Tokens go nowhere but the Authorization header of the call they are for. */
    @Override
    public String toString() {
        return "IssuedToken[expires at " + expiresAt + "]";
    }
}
