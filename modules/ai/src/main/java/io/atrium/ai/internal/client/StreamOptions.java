package io.atrium.ai.internal.client;

import jakarta.json.bind.annotation.JsonbProperty;

/** {@code stream_options}: only allowed with {@code "stream": true}; asks for a final usage chunk. */
public record StreamOptions(@JsonbProperty("include_usage") Boolean includeUsage) {
}
