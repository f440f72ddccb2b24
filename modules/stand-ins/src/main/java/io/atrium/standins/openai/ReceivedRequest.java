package io.atrium.standins.openai;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One request as the stand-in received it, for tests to assert on what a client sent.
 *
 * @param method     the HTTP method
 * @param path       the decoded request path
 * @param deployment the deployment named in a chat-completions path, empty for any other path
 * @param apiVersion the {@code api-version} query parameter, empty when missing
 * @param headers    header names in lower case; the values of {@code api-key} and {@code authorization} are replaced
 *                   by {@code Sanitized}, as in Azure's recordings, so that a key never reaches a test report
 * @param body       the request body as UTF-8 text
 */
public record ReceivedRequest(String method, String path, Optional<String> deployment, Optional<String> apiVersion,
                              Map<String, List<String>> headers, String body) {

    public ReceivedRequest {
        headers = Map.copyOf(headers);
    }

    public boolean hasApiKey() {
        return headers.containsKey("api-key");
    }

    /** The first value of a header, by case-insensitive name. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)))
                .filter(values -> !values.isEmpty())
                .map(values -> values.get(0));
    }
}
