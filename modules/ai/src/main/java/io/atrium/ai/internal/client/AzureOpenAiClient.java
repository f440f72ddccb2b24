package io.atrium.ai.internal.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * Azure OpenAI's data-plane chat-completions operation. Built by {@link AzureOpenAiClientFactory} rather than
 * registered with a {@code configKey}, so that Atrium's documented keys ({@code azure.openai.endpoint}, the timeouts)
 * configure it instead of MicroProfile's {@code .../mp-rest/url} keys.
 */
@Path("/openai/deployments/{deployment}/chat/completions")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface AzureOpenAiClient {

    @POST
    ChatCompletion create(@PathParam("deployment") String deployment,
                          @QueryParam("api-version") String apiVersion,
                          ChatCompletionRequest request);
}
