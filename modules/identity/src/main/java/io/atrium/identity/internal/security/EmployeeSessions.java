package io.atrium.identity.internal.security;

import jakarta.servlet.http.HttpSession;

import io.atrium.identity.internal.oidc.EmployeeSession;

/**
 * Where a browser session keeps its signed-in employee. A session can end on another thread while a request is using
 * it (a sign-out at Entra, an administrator's disable, relayed from another instance too): the request then reads it
 * as signed out, and ending it again is no error.
 */
public final class EmployeeSessions {

    private static final String ATTRIBUTE = EmployeeSession.class.getName();

    private EmployeeSessions() {
    }

    public static EmployeeSession find(HttpSession session) {
        try {
            return session == null ? null : (EmployeeSession) session.getAttribute(ATTRIBUTE);
        } catch (IllegalStateException endedMeanwhile) {
            return null;
        }
    }

    /** Ends the session; false when it had ended already. */
    static boolean end(HttpSession session) {
        try {
            session.invalidate();
            return true;
        } catch (IllegalStateException endedMeanwhile) {
            return false;
        }
    }

    static void keep(HttpSession session, EmployeeSession signedIn) {
        session.setAttribute(ATTRIBUTE, signedIn);
    }
}
