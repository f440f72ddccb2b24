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
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.atrium.identity.CurrentEmployee;
import io.atrium.identity.EmployeeProfile;
import io.atrium.identity.EmployeeProfiles;

/** {@code GET /api/v1/me}: who the token says the caller is, and the roles Atrium gives them. */
@Path("/v1/me")
@RequestScoped
public class MeResource {

    @Inject
    JsonWebToken token;

    @Inject
    CurrentEmployee currentEmployee;

    @Inject
    EmployeeProfiles profiles;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({"employee", "admin"})
    @Operation(summary = "Who the token says the caller is",
            description = "An employee (delegated token) or an application calling on its own, with the roles "
                    + "Atrium gives them: Entra app roles, mapped groups and local grants.")
    @APIResponse(responseCode = "200", description = "The caller")
    @APIResponse(responseCode = "401", description = "No token, or a token that is expired, forged or not for Atrium")
    @APIResponse(responseCode = "403", description = "A valid token without Atrium's scope or role, or a client not "
            + "allowed to call Atrium")
    public MeView me() {
        String scopes = token.getClaim("scp");
        return currentEmployee.find()
                .map(employee -> new MeView("employee", employee.objectId(), employee.tenantId(), employee.username(),
                        employee.displayName(), employee.email(), employee.roles().stream().sorted().toList(),
                        clientOf(token), scopes == null ? List.of() : Arrays.asList(scopes.split(" "))))
                .orElseGet(() -> new MeView("application", token.getClaim("oid"), token.getClaim("tid"), null,
                        null, null, token.getGroups().stream().sorted().toList(), clientOf(token), List.of()));
    }

    /**
     * {@code GET /api/v1/me/profile}: the employee's job title and department from Microsoft Graph, read on their
     * behalf with the token they called with (on-behalf-of flow).
     */
    @GET
    @Path("/profile")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({"employee", "admin"})
    @Operation(summary = "The employee's job title and department from Microsoft Graph",
            description = "Read on the employee's behalf: Atrium exchanges the caller's token for a Graph token "
                    + "(on-behalf-of flow).")
    @APIResponse(responseCode = "200", description = "The profile",
            content = @Content(schema = @Schema(implementation = EmployeeProfile.class)))
    @APIResponse(responseCode = "401", description = "Entra requires the employee to sign in again: "
            + "WWW-Authenticate carries error=\"insufficient_claims\" and the claims to ask for")
    @APIResponse(responseCode = "404", description = "The token is an application's own: it has no profile")
    @APIResponse(responseCode = "503", description = "Microsoft Graph or Entra cannot answer now")
    public Response profile() {
        if (currentEmployee.find().isEmpty()) {
            return Problems.of(Response.Status.NOT_FOUND, "Only an employee has a profile; this token is an "
                    + "application's own.").build();
        }
        return profiles.ofCallingEmployee()
                .map(profile -> Response.ok(profile, MediaType.APPLICATION_JSON_TYPE))
                .orElseGet(() -> Problems.of(Response.Status.SERVICE_UNAVAILABLE, "Microsoft Graph cannot give "
                        + "your profile right now. Try again later.").header("Retry-After", "30"))
                .build();
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
