package io.atrium.ai.internal.credential;

import io.atrium.ai.AiCaller;

/** The resource's key in the {@code api-key} header, Azure's key authentication. */
public final class ApiKeyCredential implements AzureOpenAiCredential {

    private final String apiKey;

    public ApiKeyCredential(String apiKey) {
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("api-key mode needs AZURE_OPENAI_API_KEY");
        }
        this.apiKey = apiKey;
    }

    @Override
    public CredentialHeader header(AiCaller caller) {
        return new CredentialHeader("api-key", apiKey);
    }

    @Override
    public String toString() {
        return "ApiKeyCredential[api-key=(hidden)]";
    }
}
