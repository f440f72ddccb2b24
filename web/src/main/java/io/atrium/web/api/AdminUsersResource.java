package io.atrium.web.api;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.atrium.audit.AdministrationRefused;
import io.atrium.audit.RoleView;
import io.atrium.audit.UserAdministration;
import io.atrium.audit.UserDetails;
import io.atrium.audit.UserDirectory;
import io.atrium.audit.UserPage;
import io.atrium.audit.UserQuery;
import io.atrium.audit.UserView;

/**
 * {@code /api/v1/admin/users}: the users Atrium has recorded, filtered, sorted and paged on the server; a user's
 * details; local role grants and revocations; disabling and enabling. Administrators only. Every change is logged
 * in the admin-action log with the caller as actor.
 */
@Path("/v1/admin/users")
@RequestScoped
@RolesAllowed("admin")
public class AdminUsersResource {

    @Inject
    UserDirectory users;

    @Inject
    UserAdministration administration;

    @Inject
    AdminCaller caller;

    /** The page as a JSON array (the total of all pages in {@code X-Total-Count}). */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    public Response list(@QueryParam("offset") @DefaultValue("0") int offset,
                         @QueryParam("limit") @DefaultValue("50") int limit,
                         @QueryParam("name") String name, @QueryParam("email") String email,
                         @QueryParam("status") String status, @QueryParam("role") String role,
                         @QueryParam("signedInFrom") String signedInFrom,
                         @QueryParam("signedInBefore") String signedInBefore,
                         @QueryParam("sort") @DefaultValue("name") String sort,
                         @QueryParam("descending") @DefaultValue("false") boolean descending) {
        UserPage page = users.search(UserQuery.builder().name(name).email(email)
                .status(UserQuery.Status.parse(status)).role(role)
                .signedIn(Instants.parse("signedInFrom", signedInFrom), Instants.parse("signedInBefore", signedInBefore))
                .sort(sort(sort), descending).page(offset, limit).build());
        return Response.ok(page.users()).header("X-Total-Count", page.total()).build();
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    public UserDetails details(@PathParam("id") String id) {
        return users.details(id(id), 20);
    }

    @POST
    @Path("/{id}/roles")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    public RoleView grant(@PathParam("id") String id,
                          @Valid @NotNull(message = "Send {\"role\": ..., \"reason\": ..., \"expiresAt\": optional "
                                  + "ISO-8601 instant}.") GrantRequest request) {
        return administration.grantRole(caller.actor(), id(id), request.role(), request.reason(),
                Instants.parse("expiresAt", request.expiresAt()));
    }

    @DELETE
    @Path("/{id}/roles/{role}")
    @RolesAllowed("admin")
    public Response revoke(@PathParam("id") String id, @PathParam("role") String role,
                           @QueryParam("reason") String reason) {
        administration.revokeRole(caller.actor(), id(id), role, reason);
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/disable")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    public Response disable(@PathParam("id") String id, ReasonRequest request) {
        administration.disable(caller.actor(), id(id), request == null ? null : request.reason());
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/enable")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    public Response enable(@PathParam("id") String id, ReasonRequest request) {
        administration.enable(caller.actor(), id(id), request == null ? null : request.reason());
        return Response.noContent().build();
    }

    static UUID id(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new AdministrationRefused(AdministrationRefused.Kind.NOT_FOUND, "There is no user " + id + ".");
        }
    }

    private static UserQuery.Sort sort(String sort) {
        try {
            return UserQuery.Sort.valueOf(sort.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new AdministrationRefused(AdministrationRefused.Kind.INVALID, "sort must be one of "
                    + List.of("name", "username", "email", "status", "last_sign_in"));
        }
    }

    public record GrantRequest(@NotBlank(message = "Name the role to grant.") String role, String reason,
                               String expiresAt) {
    }

    public record ReasonRequest(String reason) {
    }
}
