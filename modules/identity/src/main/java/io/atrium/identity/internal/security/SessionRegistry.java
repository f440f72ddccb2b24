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
 * iframe without Atrium's session cookie, can end the sessions of the Entra session being signed out; and by
 * employee, so that disabling an employee in Atrium ends their sessions on this server at once.
 */
@ApplicationScoped
public class SessionRegistry {

    private static final Logger LOG = Logger.getLogger(SessionRegistry.class.getName());

    private final Map<String, Set<HttpSession>> byEntraSessionId = new ConcurrentHashMap<>();
    private final Map<String, Set<HttpSession>> byEmployee = new ConcurrentHashMap<>();

    /** Registers a signed-in session; it leaves the registry by itself when it is invalidated or expires. */
    void register(HttpSession session, String entraSessionId, String tenantId, String objectId) {
        String employee = employeeKey(tenantId, objectId);
        byEmployee.computeIfAbsent(employee, key -> ConcurrentHashMap.newKeySet()).add(session);
        if (entraSessionId != null) {
            byEntraSessionId.computeIfAbsent(entraSessionId, sid -> ConcurrentHashMap.newKeySet()).add(session);
        }
        session.setAttribute(Registration.class.getName(), new Registration(entraSessionId, employee));
    }

    /** Ends every session signed in with this Entra session; returns how many there were. */
    int endAll(String entraSessionId) {
        return end(byEntraSessionId.remove(entraSessionId));
    }

    /** Ends every session of this employee on this server; returns how many there were. */
    int endAllOf(String tenantId, String objectId) {
        return end(byEmployee.remove(employeeKey(tenantId, objectId)));
    }

    private static int end(Set<HttpSession> sessions) {
        if (sessions == null) {
            return 0;
        }
        for (HttpSession session : sessions) {
            try {
                session.invalidate();
            } catch (IllegalStateException alreadyEnded) {
                LOG.fine("session already ended before it was ended from elsewhere");
            }
        }
        return sessions.size();
    }

    void forget(String entraSessionId, String employee, HttpSession session) {
        if (entraSessionId != null) {
            forget(byEntraSessionId, entraSessionId, session);
        }
        forget(byEmployee, employee, session);
    }

    private static void forget(Map<String, Set<HttpSession>> index, String key, HttpSession session) {
        index.computeIfPresent(key, (k, sessions) -> {
            sessions.remove(session);
            return sessions.isEmpty() ? null : sessions;
        });
    }

    private static String employeeKey(String tenantId, String objectId) {
        return tenantId + "/" + objectId;
    }

    /**
     * Kept in the session so the container tells the registry when the session ends. Static and looking the registry up
     * when needed, so that it stays serialisable for replicated sessions.
     */
    private static final class Registration implements HttpSessionBindingListener, Serializable {

        private static final long serialVersionUID = 2L;
        private final String entraSessionId;
        private final String employee;

        Registration(String entraSessionId, String employee) {
            this.entraSessionId = entraSessionId;
            this.employee = employee;
        }

        @Override
        public void valueUnbound(HttpSessionBindingEvent event) {
            CDI.current().select(SessionRegistry.class).get().forget(entraSessionId, employee, event.getSession());
        }
    }
}
