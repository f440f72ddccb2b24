package io.atrium.identity;

import java.util.Optional;
import java.util.logging.Logger;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import io.atrium.identity.internal.graph.GraphFailure;
import io.atrium.identity.internal.graph.GraphGroups;
import io.atrium.identity.internal.graph.GraphToken;
import io.atrium.identity.internal.graph.GraphTokens;
import io.atrium.identity.internal.oidc.EmployeeSession;
import io.atrium.identity.internal.oidc.SignInFailure;
import io.atrium.identity.internal.security.EmployeeSessions;

/**
 * The signed-in employee's profile from Microsoft Graph, fetched on their behalf: the employee's own access token
 * (for Atrium) is exchanged for a Graph token by the on-behalf-of flow, so Graph answers as it would the employee.
 */
@RequestScoped
public class EmployeeProfiles {

    private static final Logger LOG = Logger.getLogger(EmployeeProfiles.class.getName());

    @Inject
    HttpServletRequest request;

    @Inject
    GraphTokens graphTokens;

    @Inject
    GraphGroups graph;

    /** The profile, or empty when the employee has no browser session or Graph cannot answer now (logged). */
    public Optional<EmployeeProfile> ofSignedInEmployee() {
        EmployeeSession session = EmployeeSessions.find(request.getSession(false));
        if (session == null) {
            return Optional.empty();
        }
        try {
            GraphToken graphToken = graphTokens.onBehalfOf(session.employee().tenantId(),
                    session.employee().objectId(), session.accessToken());
            return Optional.of(graph.profile(graphToken.get()));
        } catch (SignInFailure | GraphFailure e) {
            LOG.warning(() -> "profile of oid=" + session.employee().objectId() + " unavailable: " + e.getMessage());
            return Optional.empty();
        }
    }
}
