package io.atrium.web.api.chat;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.atrium.ai.ChatService;

import static io.atrium.web.JsonProviders.JSON;

/**
 * {@code GET /api/v1/models}: the Azure OpenAI deployments the gateway serves, in OpenAI's list shape, so that an
 * OpenAI client can offer them; the first is the one used when a request names none.
 */
@Path("/v1/models")
@RequestScoped
public class ModelsResource {

    @Inject
    ChatService chat;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({"employee", "admin"})
    @Operation(summary = "The models (Azure OpenAI deployments) the gateway serves, OpenAI-compatible",
            description = "Each as {id, object: model, created, owned_by}; created is 0, since a deployment's "
                    + "creation time is Azure's, not Atrium's. The first is the default.")
    @APIResponse(responseCode = "200", description = "The list")
    @APIResponse(responseCode = "401", description = "No token, or a token that is expired, forged or not for Atrium")
    public Response models() {
        JsonArrayBuilder models = JSON.createArrayBuilder();
        for (String deployment : chat.deployments()) {
            models.add(JSON.createObjectBuilder().add("id", deployment).add("object", "model").add("created", 0)
                    .add("owned_by", "azure-openai"));
        }
        return Response.ok(JSON.createObjectBuilder().add("object", "list").add("data", models).build().toString(),
                MediaType.APPLICATION_JSON_TYPE).build();
    }
}
