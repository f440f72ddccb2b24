package io.atrium.ai.internal.client;

import java.util.List;

import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbProperty;

/**
 * The answer of a non-streaming chat completion, reduced to what Atrium reads; JSON-B ignores the other fields
 * ({@code object}, {@code system_fingerprint}, {@code logprobs}, ...).
 */
public record ChatCompletion(String id,
                             String model,
                             Long created,
                             List<Choice> choices,
                             Usage usage,
                             @JsonbProperty("prompt_filter_results") List<PromptFilterResult> promptFilterResults) {

    /**
     * One answer. The filter results stay raw JSON: their categories grow with Azure's features (custom block
     * lists, protected material, ...) and Atrium only names the ones that filtered.
     */
    public record Choice(Integer index,
                         ChatMessage message,
                         @JsonbProperty("finish_reason") String finishReason,
                         @JsonbProperty("content_filter_results") JsonObject contentFilterResults) {
    }

    public record PromptFilterResult(@JsonbProperty("prompt_index") Integer promptIndex,
                                     @JsonbProperty("content_filter_results") JsonObject contentFilterResults) {
    }

    public record Usage(@JsonbProperty("prompt_tokens") Integer promptTokens,
                        @JsonbProperty("completion_tokens") Integer completionTokens,
                        @JsonbProperty("total_tokens") Integer totalTokens) {
    }
}
