package io.atrium.ai.internal.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Azure OpenAI's chat completions operation as a MicroProfile REST Client, for whole answers (streams: see
 * docs/decisions.md). Built by {@link AzureOpenAiChat} with {@code RestClientBuilder}; the credential comes from
 * {@link CredentialFilter}. Both methods answer the raw {@link Response} with the default exception mapper off: the
 * status, {@code Retry-After} and a claims challenge decide what happens next, and Azure's error body explains it.
 * Paths are on the methods, as for every client interface here: a class-level {@code @Path} would make the WAR's
 * JAX-RS scan take it for a resource.
 */
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface AzureOpenAiClient {

    /** The dated API (such as {@code 2024-10-21}): the deployment in the path, no model in the body. */
    @POST
    @Path("/openai/deployments/{deployment}/chat/completions")
    Response complete(@PathParam("deployment") String deployment, @QueryParam("api-version") String apiVersion,
                      ChatCompletionRequest request);

    /** The v1 API: the body's {@code model} names the deployment. */
    @POST
    @Path("/openai/v1/chat/completions")
    Response complete(ChatCompletionRequest request);
}
