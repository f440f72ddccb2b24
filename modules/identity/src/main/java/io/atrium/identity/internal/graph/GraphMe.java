package io.atrium.identity.internal.graph;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * Microsoft Graph's {@code /me}: the signed-in user, as the delegated token says. The path is on the method: a
 * class-level {@code @Path} made the WAR's JAX-RS scan take the interface for a resource and warn at every start.
 */
public interface GraphMe {

    @GET
    @Path("/me")
    @Produces(MediaType.APPLICATION_JSON)
    GraphUser me(@QueryParam("$select") String properties);

    /** The parts of Graph's user resource Atrium reads; Graph leaves out what the user's profile lacks. */
    record GraphUser(String jobTitle, String department) {
    }
}
