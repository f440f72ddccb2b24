package io.atrium.identity.internal.security;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import jakarta.servlet.http.HttpSession;

/**
 * The browser session's request to sign in again, as Entra asked (a claims challenge), between the page that met the
 * refusal and {@code /auth/sign-in-again}; and the last such request, so that a challenge Entra repeats right after the
 * employee answered it ends on the page instead of in a loop of sign-ins.
 */
public final class SignInAgainRequests {

    /** Entra repeating the same challenge this soon after it was answered means signing in again does not meet it. */
    static final Duration REPEAT_GUARD = Duration.ofMinutes(5);
    private static final String PENDING = SignInAgainRequests.class.getName() + ".pending";
    private static final String LAST = SignInAgainRequests.class.getName() + ".last";

    private SignInAgainRequests() {
    }

    /**
     * Records the request unless the same challenge was asked in this session within {@link #REPEAT_GUARD}.
     *
     * @param claims   Entra's claims challenge, or null when Entra named none
     * @param returnTo the local path to come back to
     * @return whether the browser should now go to {@code /auth/sign-in-again}
     */
    public static boolean ask(HttpSession session, String claims, String returnTo, Instant now) {
        if (session.getAttribute(LAST) instanceof Request last && Objects.equals(last.claims(), claims)
                && now.isBefore(last.askedAt().plus(REPEAT_GUARD))) {
            return false;
        }
        Request request = new Request(claims, returnTo, now);
        session.setAttribute(PENDING, request);
        session.setAttribute(LAST, request);
        return true;
    }

    /** The pending request, removed: each is answered by one sign-in. */
    public static Optional<Request> take(HttpSession session) {
        if (session == null || !(session.getAttribute(PENDING) instanceof Request request)) {
            return Optional.empty();
        }
        session.removeAttribute(PENDING);
        return Optional.of(request);
    }

    /** Serializable, as every session attribute must be for sessions shared between instances. */
    public record Request(String claims, String returnTo, Instant askedAt) implements Serializable {
    }
}
