package io.atrium.identity;

import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import io.atrium.identity.internal.security.CallingEmployee;

/** The employee the current request was authenticated as, for pages and services that need more than a name. */
@RequestScoped
public class CurrentEmployee {

    /** Request attribute under which Atrium's authentication mechanism leaves the authenticated employee. */
    public static final String REQUEST_ATTRIBUTE = EmployeePrincipal.class.getName();

    @Inject
    HttpServletRequest request;

    public Optional<EmployeePrincipal> find() {
        return Optional.ofNullable((EmployeePrincipal) request.getAttribute(REQUEST_ATTRIBUTE));
    }

    /** The employee; only for code behind a security constraint, where there always is one. */
    public EmployeePrincipal get() {
        return find().orElseThrow(() -> new IllegalStateException("no employee is signed in on this request"));
    }

    /**
     * The employee's access token for Atrium (the browser session's, refreshed by the authentication mechanism, or
     * an API caller's bearer token), for calls Atrium makes on their behalf; empty when no employee is signed in or
     * an application calls on its own. Never log it or keep it beyond the request.
     */
    public Optional<EmployeeToken> token() {
        return find().isPresent() ? CallingEmployee.tokenOf(request) : Optional.empty();
    }
}
