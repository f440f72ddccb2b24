package io.atrium.ai.internal.client;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;

/** Authenticates each call with the resource's key in the {@code api-key} header, Azure's key authentication. */
final class ApiKeyAuthentication implements ClientRequestFilter {

    private final String apiKey;

    ApiKeyAuthentication(String apiKey) {
        this.apiKey = apiKey;
    }

    @Override
    public void filter(ClientRequestContext request) {
        request.getHeaders().putSingle("api-key", apiKey);
    }

    @Override
    public String toString() {
        return "ApiKeyAuthentication[api-key=(hidden)]";
    }
}
