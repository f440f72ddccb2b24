package io.atrium.bench.baseline;

import java.util.List;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Answers what Atrium's {@code GET /api/v1/me} answers, from constants: JSON-B and JAX-RS, no token, no lookup. */
@Path("/v1/me")
@RequestScoped
public class BaselineMeResource {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Me me() {
        return new Me("employee", "3f1c6a0e-8d2b-4c5e-9f7a-1b2c3d4e5f60", "6f2d3c1e-5b4a-4e3f-9a8b-7c6d5e4f3a2b",
                "erin@atrium.example", "Erin Employee", "erin@atrium.example", List.of("employee"),
                "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", List.of("access_as_user"));
    }

    /** The shape of Atrium's answer. */
    public record Me(String kind, String objectId, String tenantId, String username, String displayName, String email,
                     List<String> roles, String clientId, List<String> scopes) {
    }
}
