package io.atrium.standins.openai;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import com.sun.net.httpserver.Headers;

/** Accepts a request whose {@code api-key} header is the resource's key, as Azure's key authentication does. */
final class ApiKeyCheck implements CredentialCheck {

    private volatile byte[] apiKey;

    ApiKeyCheck(String apiKey) {
        accept(apiKey);
    }

    /** From now on only {@code apiKey} is accepted, as after a key rotation on the real resource. */
    void accept(String apiKey) {
        this.apiKey = apiKey.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Optional<AzureError> refusal(Headers requestHeaders) {
        String presented = requestHeaders.getFirst("api-key");
        boolean accepted = presented != null
                && MessageDigest.isEqual(apiKey, presented.getBytes(StandardCharsets.UTF_8));
        return accepted ? Optional.empty() : Optional.of(AzureError.accessDenied());
    }
}
