package io.atrium.ai.internal.credential;

/**
 * The one header that carries a credential to Azure OpenAI ({@code api-key}, or {@code Authorization: Bearer}), for
 * whichever HTTP client sends the request. Its value never appears in {@link #toString()}.
 */
public record CredentialHeader(String name, String value) {

    static CredentialHeader bearer(String token) {
        return new CredentialHeader("Authorization", "Bearer " + token);
    }

    @Override
    public String toString() {
        return "CredentialHeader[" + name + "=(hidden)]";
    }
}
