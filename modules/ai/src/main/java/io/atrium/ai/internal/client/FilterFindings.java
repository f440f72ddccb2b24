package io.atrium.ai.internal.client;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Reads Azure's {@code content_filter_results} objects into findings per category: {@code filtered} (with the
 * severity that was blocked, {@code filtered:high}, when Azure gives one) beats
 * {@code detected} beats a severity, and a category stays at the worst verdict any annotation gave it, since the
 * streamed and asynchronous annotations each cover only a part of the answer.
 */
final class FilterFindings {

    private static final Set<String> HARMLESS = Set.of("safe");

    private FilterFindings() {
    }

    static void addTo(Map<String, String> findings, JsonObject results) {
        for (Map.Entry<String, JsonValue> category : results.entrySet()) {
            if (category.getValue() instanceof JsonObject result) {
                verdict(result).ifPresent(verdict -> findings.merge(category.getKey(), verdict, FilterFindings::worse));
            }
        }
    }

    private static Optional<String> verdict(JsonObject result) {
        if (result.get("filtered") == JsonValue.TRUE) {
            // The severity that crossed the threshold, for the employee's explanation and the auditors' list.
            return Optional.of(result.get("severity") instanceof JsonString severity
                    && !HARMLESS.contains(severity.getString()) ? "filtered:" + severity.getString() : "filtered");
        }
        if (result.get("detected") == JsonValue.TRUE) {
            return Optional.of("detected");
        }
        if (result.get("severity") instanceof JsonString severity && !HARMLESS.contains(severity.getString())) {
            return Optional.of(severity.getString());
        }
        return Optional.empty();
    }

    private static String worse(String one, String other) {
        return rank(one) >= rank(other) ? one : other;
    }

    private static int rank(String verdict) {
        if (verdict.startsWith("filtered:")) {
            return 50 + rank(verdict.substring("filtered:".length()));
        }
        return switch (verdict) {
            case "filtered" -> 50;
            case "detected" -> 40;
            case "high" -> 3;
            case "medium" -> 2;
            case "low" -> 1;
            default -> 0;
        };
    }
}
