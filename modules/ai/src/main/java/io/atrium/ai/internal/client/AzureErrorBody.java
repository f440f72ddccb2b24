package io.atrium.ai.internal.client;

import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbProperty;

/**
 * Azure's error body, {@code {"error": {...}}}, in either of its shapes: the gateway's {@code code}/{@code message}
 * or the model service's {@code message}/{@code type}/{@code code} with, for the content filter, an
 * {@code innererror}.
 */
public record AzureErrorBody(Error error) {

    public record Error(String code, String message, String type, @JsonbProperty("innererror") InnerError innerError) {
    }

    public record InnerError(String code,
                             @JsonbProperty("content_filter_result") JsonObject contentFilterResult) {
    }
}
