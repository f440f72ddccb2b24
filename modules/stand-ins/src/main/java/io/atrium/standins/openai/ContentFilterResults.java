package io.atrium.standins.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Azure's content-filter annotations, all "safe", in the three sets Azure sends them: for the prompt, for a whole
 * answer and for each streamed piece (see the recordings ChatCompletionContentFilter and ChatCompletionStreaming).
 */
final class ContentFilterResults {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ContentFilterResults() {
    }

    /** {@code prompt_filter_results}: one entry for the single prompt of a chat request. */
    static ArrayNode forPrompt() {
        ArrayNode results = JSON.arrayNode();
        ObjectNode prompt = results.addObject().put("prompt_index", 0);
        ObjectNode filters = prompt.putObject("content_filter_results");
        safe(filters, "hate");
        undetected(filters, "jailbreak");
        safe(filters, "self_harm");
        safe(filters, "sexual");
        safe(filters, "violence");
        return results;
    }

    static ObjectNode forAnswer() {
        ObjectNode filters = JSON.objectNode();
        safe(filters, "hate");
        undetected(filters, "protected_material_code");
        undetected(filters, "protected_material_text");
        safe(filters, "self_harm");
        safe(filters, "sexual");
        safe(filters, "violence");
        return filters;
    }

    static ObjectNode forStreamedPiece() {
        ObjectNode filters = JSON.objectNode();
        safe(filters, "hate");
        safe(filters, "self_harm");
        safe(filters, "sexual");
        safe(filters, "violence");
        return filters;
    }

    /** An answer the filter blocked for violence (severity high), the other categories safe. */
    static ObjectNode blocked() {
        ObjectNode filters = forStreamedPiece();
        filters.putObject("violence").put("filtered", true).put("severity", "high");
        return filters;
    }

    private static void safe(ObjectNode filters, String category) {
        filters.putObject(category).put("filtered", false).put("severity", "safe");
    }

    private static void undetected(ObjectNode filters, String category) {
        filters.putObject(category).put("filtered", false).put("detected", false);
    }
}
