package io.atrium.identity;

import java.util.Optional;
import java.util.logging.Logger;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;

import io.atrium.identity.internal.downstream.DownstreamApiSettings;
import io.atrium.identity.internal.graph.GraphMe;

/**
 * The calling employee's profile from Microsoft Graph, fetched on their behalf: the employee's own access token for
 * Atrium (the browser session's, or an API caller's bearer token) is exchanged for a Graph token by the on-behalf-of
 * flow, so Graph answers as it would the employee. Graph is the downstream API named {@code graph}.
 */
@RequestScoped
public class EmployeeProfiles {

    private static final Logger LOG = Logger.getLogger(EmployeeProfiles.class.getName());

    @Inject
    DownstreamApis downstream;

    @Inject
    CurrentEmployee currentEmployee;

    /**
     * The profile, or empty when the request serves no employee or Graph cannot answer now (logged).
     *
     * @throws AccessTokenUnavailableException when Entra wants the employee to sign in again first
     *                                         ({@code interactionRequired()}, often with a claims challenge)
     */
    public Optional<EmployeeProfile> ofCallingEmployee() {
        Optional<EmployeePrincipal> employee = currentEmployee.find();
        if (employee.isEmpty()) {
            return Optional.empty();
        }
        String who = "oid=" + employee.get().objectId();
        try {
            GraphMe.GraphUser me = downstream.client(DownstreamApiSettings.GRAPH, GraphMe.class)
                    .me("jobTitle,department");
            return Optional.of(new EmployeeProfile(text(me.jobTitle()), text(me.department())));
        } catch (AccessTokenUnavailableException e) {
            if (e.interactionRequired()) {
                throw e;
            }
            LOG.warning(() -> "profile of " + who + " unavailable, no Graph token: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            // Not a JWT of this employee (an opaque token, another tenant's): nothing to exchange.
            LOG.warning(() -> "profile of " + who + " unavailable, the access token cannot be exchanged: "
                    + e.getMessage());
        } catch (WebApplicationException e) {
            LOG.warning(() -> "profile of " + who + " unavailable, Microsoft Graph answered HTTP "
                    + e.getResponse().getStatus());
        } catch (ProcessingException e) {
            LOG.warning(() -> "profile of " + who + " unavailable, Microsoft Graph cannot be reached: " + e);
        }
        return Optional.empty();
    }

    private static String text(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
