package io.atrium.identity.internal.oidc;

import java.io.Serializable;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpSession;

/**
 * The sign-ins a browser session has started and not finished, keyed by {@code state}. Several may be open at once
 * (tabs opened while signed out); each can be completed once. Bounded so a script cannot grow a session without limit.
 */
final class PendingSignIns implements Serializable {

    private static final String ATTRIBUTE = PendingSignIns.class.getName();
    private static final int MAX_OPEN = 8;

    private final LinkedHashMap<String, PendingSignIn> byState = new LinkedHashMap<>();

    static void remember(HttpSession session, PendingSignIn pending) {
        synchronized (session) {
            PendingSignIns open = (PendingSignIns) session.getAttribute(ATTRIBUTE);
            if (open == null) {
                open = new PendingSignIns();
            }
            open.byState.put(pending.state(), pending);
            Iterator<Map.Entry<String, PendingSignIn>> oldestFirst = open.byState.entrySet().iterator();
            while (open.byState.size() > MAX_OPEN) {
                oldestFirst.next();
                oldestFirst.remove();
            }
            // Set again so that a replicated session sees the change.
            session.setAttribute(ATTRIBUTE, open);
        }
    }

    /** Removes and returns the unexpired sign-in started with this state, so that a callback can be used only once. */
    static Optional<PendingSignIn> take(HttpSession session, String state, Instant now) {
        if (session == null || state == null) {
            return Optional.empty();
        }
        synchronized (session) {
            PendingSignIns open = (PendingSignIns) session.getAttribute(ATTRIBUTE);
            if (open == null) {
                return Optional.empty();
            }
            PendingSignIn pending = open.byState.remove(state);
            session.setAttribute(ATTRIBUTE, open);
            return Optional.ofNullable(pending).filter(p -> !p.expiredAt(now));
        }
    }
}
