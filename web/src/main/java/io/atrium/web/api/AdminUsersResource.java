package io.atrium.web.api;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.atrium.audit.UserDirectory;
import io.atrium.audit.UserView;

/** {@code GET /api/v1/admin/users}: the users Atrium has recorded, a page at a time, for administrators only. */
@Path("/v1/admin/users")
@RequestScoped
public class AdminUsersResource {

    @Inject
    UserDirectory users;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    public List<UserView> list(
            @QueryParam("offset") @DefaultValue("0") @Min(value = 0, message = "offset must not be negative") int offset,
            @QueryParam("limit") @DefaultValue("50")
            @Min(value = 1, message = "limit must be between 1 and 200")
            @Max(value = 200, message = "limit must be between 1 and 200") int limit) {
        return users.list(offset, limit);
    }
}
