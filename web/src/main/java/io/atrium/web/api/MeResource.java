package io.atrium.web.api;

import java.util.Arrays;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.atrium.identity.CurrentEmployee;

/** {@code GET /api/v1/me}: who the token says the caller is, and the roles Atrium gives them. */
@Path("/v1/me")
@RequestScoped
public class MeResource {

    @Inject
    JsonWebToken token;

    @Inject
    CurrentEmployee currentEmployee;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({"employee", "admin"})
    public MeView me() {
        String scopes = token.getClaim("scp");
        return currentEmployee.find()
                .map(employee -> new MeView("employee", employee.objectId(), employee.tenantId(), employee.username(),
                        employee.displayName(), employee.email(), employee.roles().stream().sorted().toList(),
                        clientOf(token), scopes == null ? List.of() : Arrays.asList(scopes.split(" "))))
                .orElseGet(() -> new MeView("application", token.getClaim("oid"), token.getClaim("tid"), null,
                        null, null, token.getGroups().stream().sorted().toList(), clientOf(token), List.of()));
    }

    private static String clientOf(JsonWebToken token) {
        String azp = token.getClaim("azp");
        return azp != null ? azp : token.getClaim("appid");
    }

    /** The caller as the API reports it; an application calling on its own has no user name, e-mail or scopes. */
    public record MeView(String kind, String objectId, String tenantId, String username, String displayName,
                         String email, List<String> roles, String clientId, List<String> scopes) {
    }
}
