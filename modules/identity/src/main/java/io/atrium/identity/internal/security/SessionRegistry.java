package io.atrium.identity.internal.security;

import java.io.Serializable;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionBindingListener;

/**
 * The signed-in sessions by Entra session id ({@code sid}), so that Entra's front-channel logout, which arrives in an
 * iframe without Atrium's session cookie, can end the sessions of the Entra session being signed out.
 */
@ApplicationScoped
public class SessionRegistry {

    private static final Logger LOG = Logger.getLogger(SessionRegistry.class.getName());

    private final Map<String, Set<HttpSession>> byEntraSessionId = new ConcurrentHashMap<>();

    /** Registers a signed-in session; it leaves the registry by itself when it is invalidated or expires. */
    void register(HttpSession session, String entraSessionId) {
        if (entraSessionId == null) {
            return;
        }
        byEntraSessionId.computeIfAbsent(entraSessionId, sid -> ConcurrentHashMap.newKeySet()).add(session);
        session.setAttribute(Registration.class.getName(), new Registration(entraSessionId));
    }

    /** Ends every session signed in with this Entra session; returns how many there were. */
    int endAll(String entraSessionId) {
        Set<HttpSession> sessions = byEntraSessionId.remove(entraSessionId);
        if (sessions == null) {
            return 0;
        }
        for (HttpSession session : sessions) {
            try {
                session.invalidate();
            } catch (IllegalStateException alreadyEnded) {
                LOG.fine("session already ended before Entra's sign-out reached it");
            }
        }
        return sessions.size();
    }

    void forget(String entraSessionId, HttpSession session) {
        byEntraSessionId.computeIfPresent(entraSessionId, (sid, sessions) -> {
            sessions.remove(session);
            return sessions.isEmpty() ? null : sessions;
        });
    }

    /**
     * Kept in the session so the container tells the registry when the session ends. Static and looking the registry up
     * when needed, so that it stays serialisable for replicated sessions.
     */
    private static final class Registration implements HttpSessionBindingListener, Serializable {

        private static final long serialVersionUID = 1L;
        private final String entraSessionId;

        Registration(String entraSessionId) {
            this.entraSessionId = entraSessionId;
        }

        @Override
        public void valueUnbound(HttpSessionBindingEvent event) {
            CDI.current().select(SessionRegistry.class).get().forget(entraSessionId, event.getSession());
        }
    }
}
