package io.atrium.identity.internal.security;

import java.io.Serializable;
import java.util.HashSet;
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
 * The signed-in sessions this server holds, by Entra session id ({@code sid}) and by ID-token subject, so that a
 * sign-out at Entra (front-channel or back-channel logout, which carry no Atrium cookie) can end the sessions of the
 * Entra session being signed out; and by employee, so that disabling an employee in Atrium ends their sessions here
 * at once. A session that signed in on another instance of the data grid is indexed here at its first request
 * ({@link #adopt}).
 */
@ApplicationScoped
public class SessionRegistry {

    private static final Logger LOG = Logger.getLogger(SessionRegistry.class.getName());

    private final Map<String, Set<HttpSession>> byEntraSessionId = new ConcurrentHashMap<>();
    private final Map<String, Set<HttpSession>> bySubject = new ConcurrentHashMap<>();
    private final Map<String, Set<HttpSession>> byEmployee = new ConcurrentHashMap<>();
    private final Set<String> indexedSessionIds = ConcurrentHashMap.newKeySet();

    /** Registers a signed-in session; it leaves the registry by itself when it is invalidated or expires. */
    void register(HttpSession session, String entraSessionId, String issuer, String subject, String tenantId,
                  String objectId) {
        Registration registration = new Registration(entraSessionId, issuer, subject, tenantId + "/" + objectId);
        session.setAttribute(Registration.class.getName(), registration);
        index(session, registration);
    }

    /**
     * Indexes a session this server has not seen sign in: one that signed in on another instance and came here
     * through the data grid. Costs one set lookup for a session already indexed.
     */
    void adopt(HttpSession session) {
        if (indexedSessionIds.contains(session.getId())) {
            return;
        }
        if (registrationOf(session) instanceof Registration registration) {
            index(session, registration);
            LOG.fine("session signed in on another instance indexed here");
        }
    }

    private void index(HttpSession session, Registration registration) {
        indexedSessionIds.add(session.getId());
        add(byEmployee, registration.employee, session);
        if (registration.entraSessionId != null) {
            add(byEntraSessionId, registration.entraSessionId, session);
        }
        if (registration.issuer != null && registration.subject != null) {
            add(bySubject, subjectKey(registration.issuer, registration.subject), session);
        }
    }

    /**
     * Ends the sessions signed in with Entra session {@code entraSessionId}, or of subject {@code subject}, at
     * {@code issuer}. A session counts only when it was signed in by that very issuer (each tenant has its own),
     * unless the sign-out named none.
     *
     * @return how many sessions ended
     */
    int endSignedOut(String issuer, String entraSessionId, String subject) {
        Set<HttpSession> ending = new HashSet<>();
        if (entraSessionId != null) {
            ending.addAll(byEntraSessionId.getOrDefault(entraSessionId, Set.of()));
        }
        if (issuer != null && subject != null) {
            ending.addAll(bySubject.getOrDefault(subjectKey(issuer, subject), Set.of()));
        }
        ending.removeIf(session -> issuer != null && !issuer.equals(issuerOf(session)));
        return end(ending);
    }

    /** Ends every session of this employee on this server; returns how many there were. */
    int endAllOf(String tenantId, String objectId) {
        return end(byEmployee.getOrDefault(tenantId + "/" + objectId, Set.of()));
    }

    private static String issuerOf(HttpSession session) {
        return registrationOf(session) instanceof Registration registration ? registration.issuer : null;
    }

    /** Null also for a session that ended meanwhile, on another thread. */
    private static Registration registrationOf(HttpSession session) {
        try {
            return (Registration) session.getAttribute(Registration.class.getName());
        } catch (IllegalStateException alreadyEnded) {
            return null;
        }
    }

    private static int end(Set<HttpSession> sessions) {
        // A copy: each invalidation takes its session out of the indexes (Registration.valueUnbound).
        Set<HttpSession> ending = Set.copyOf(sessions);
        for (HttpSession session : ending) {
            if (!EmployeeSessions.end(session)) {
                LOG.fine("session already ended before it was ended from elsewhere");
            }
        }
        return ending.size();
    }

    void forget(Registration registration, HttpSession session) {
        indexedSessionIds.remove(session.getId());
        remove(byEmployee, registration.employee, session);
        if (registration.entraSessionId != null) {
            remove(byEntraSessionId, registration.entraSessionId, session);
        }
        if (registration.issuer != null && registration.subject != null) {
            remove(bySubject, subjectKey(registration.issuer, registration.subject), session);
        }
    }

    private static void add(Map<String, Set<HttpSession>> index, String key, HttpSession session) {
        index.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(session);
    }

    private static void remove(Map<String, Set<HttpSession>> index, String key, HttpSession session) {
        index.computeIfPresent(key, (k, sessions) -> {
            sessions.remove(session);
            return sessions.isEmpty() ? null : sessions;
        });
    }

    private static String subjectKey(String issuer, String subject) {
        return issuer + " " + subject;
    }

    /**
     * Kept in the session so the container tells the registry when the session ends, and so that another instance
     * can index a session it did not see sign in. Static and looking the registry up when needed, so that it stays
     * serialisable for replicated sessions; ids only.
     */
    static final class Registration implements HttpSessionBindingListener, Serializable {

        private static final long serialVersionUID = 3L;
        private final String entraSessionId;
        private final String issuer;
        private final String subject;
        private final String employee;

        Registration(String entraSessionId, String issuer, String subject, String employee) {
            this.entraSessionId = entraSessionId;
            this.issuer = issuer;
            this.subject = subject;
            this.employee = employee;
        }

        @Override
        public void valueUnbound(HttpSessionBindingEvent event) {
            CDI.current().select(SessionRegistry.class).get().forget(this, event.getSession());
        }
    }
}
