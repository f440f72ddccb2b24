package io.atrium.identity.internal.security;

import jakarta.servlet.http.HttpSession;

import io.atrium.identity.internal.oidc.EmployeeSession;

/** Where a browser session keeps its signed-in employee. */
public final class EmployeeSessions {

    private static final String ATTRIBUTE = EmployeeSession.class.getName();

    private EmployeeSessions() {
    }

    public static EmployeeSession find(HttpSession session) {
        return session == null ? null : (EmployeeSession) session.getAttribute(ATTRIBUTE);
    }

    static void keep(HttpSession session, EmployeeSession signedIn) {
        session.setAttribute(ATTRIBUTE, signedIn);
    }
}
