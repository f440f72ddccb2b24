package io.atrium.ai.internal.client;

import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.rest.client.RestClientBuilder;

/** Builds the REST client from Atrium's settings: endpoint, timeouts, credential and error mapping. */
public final class AzureOpenAiClientFactory {

    private AzureOpenAiClientFactory() {
    }

    public static AzureOpenAiClient create(AzureOpenAiSettings settings) {
        settings.requireUsable();
        return RestClientBuilder.newBuilder()
                .baseUri(settings.endpoint())
                .connectTimeout(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .register(new ApiKeyAuthentication(settings.apiKey()))
                .register(new AzureErrorResponseMapper())
                .build(AzureOpenAiClient.class);
    }
}
