package io.atrium.ai.internal.client;

import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

import io.atrium.ai.AiUnavailableException;

/** Lets the REST client throw {@link AiUnavailableException} for every error status (400 and above). */
final class AzureErrorResponseMapper implements ResponseExceptionMapper<AiUnavailableException> {

    @Override
    public AiUnavailableException toThrowable(Response response) {
        return AzureOpenAiErrors.fromResponse(response.getStatus(), body(response),
                response.getHeaderString("Retry-After"), response.getHeaderString("retry-after-ms"));
    }

    private static String body(Response response) {
        try {
            return response.hasEntity() ? response.readEntity(String.class) : "";
        } catch (RuntimeException unreadable) {
            // The status still tells what happened; a body cut off mid-way must not hide it.
            return "";
        }
    }
}
