package io.atrium.bench.floor;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.atrium.bench.baseline.BaselineMeResource;

/** The baseline's answer, for a caller the trusting mechanism let in with the employee role. */
@Path("/v1/me")
@RequestScoped
public class FloorMeResource {

    private final BaselineMeResource baseline = new BaselineMeResource();

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("employee")
    public BaselineMeResource.Me me() {
        return baseline.me();
    }
}
