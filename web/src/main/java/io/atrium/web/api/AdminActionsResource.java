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

import io.atrium.audit.AdminActionLog;
import io.atrium.audit.AdminActionQuery;
import io.atrium.audit.AdminActionView;
import io.atrium.audit.ChainVerification;

/** {@code /api/v1/admin/actions}: the admin-action log, newest first, and the verification of its hash chain. */
@Path("/v1/admin/actions")
@RequestScoped
@RolesAllowed("admin")
public class AdminActionsResource {

    private static final String LIMIT = "limit must be between 1 and 200";

    @Inject
    AdminActionLog log;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    public List<AdminActionView> search(@QueryParam("actor") String actor, @QueryParam("action") String action,
                                        @QueryParam("user") String user, @QueryParam("from") String from,
                                        @QueryParam("before") String before,
                                        @QueryParam("offset") @DefaultValue("0")
                                        @Min(value = 0, message = "offset must not be negative") int offset,
                                        @QueryParam("limit") @DefaultValue("50")
                                        @Min(value = 1, message = LIMIT) @Max(value = 200, message = LIMIT) int limit) {
        return log.search(new AdminActionQuery(actor, action, user == null || user.isBlank() ? null
                : AdminUsersResource.id(user), Instants.parse("from", from), Instants.parse("before", before),
                offset, limit));
    }

    @GET
    @Path("/verification")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    public ChainVerification verify() {
        return log.verify();
    }
}
