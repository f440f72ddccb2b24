package io.atrium.web.api;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
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
    public List<UserView> list(@BeanParam @Valid PageRequest page) {
        return users.list(page.offset, page.limit);
    }
}
