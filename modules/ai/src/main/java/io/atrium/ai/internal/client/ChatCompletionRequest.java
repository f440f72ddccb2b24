package io.atrium.ai.internal.client;

import java.util.List;

import jakarta.json.bind.annotation.JsonbProperty;

/**
 * The body of {@code POST .../chat/completions} (api-version 2024-10-21). Null fields are left out of the JSON, so
 * Azure applies its own defaults.
 */
public record ChatCompletionRequest(List<ChatMessage> messages,
                                    Double temperature,
                                    @JsonbProperty("max_tokens") Integer maxTokens,
                                    Boolean stream,
                                    @JsonbProperty("stream_options") StreamOptions streamOptions) {
}
