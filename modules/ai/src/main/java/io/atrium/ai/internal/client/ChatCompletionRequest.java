package io.atrium.ai.internal.client;

import java.util.List;

import jakarta.json.bind.annotation.JsonbProperty;

/**
 * The body of {@code POST .../chat/completions} (api-version 2024-10-21, and the v1 API, where {@code model} names
 * the deployment). Null fields are left out of the JSON, so Azure applies its own defaults.
 */
public record ChatCompletionRequest(String model,
                                    List<ChatMessage> messages,
                                    Double temperature,
                                    @JsonbProperty("max_tokens") Integer maxTokens,
                                    Boolean stream,
                                    @JsonbProperty("stream_options") StreamOptions streamOptions) {
}
