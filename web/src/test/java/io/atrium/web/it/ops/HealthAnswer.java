package io.atrium.web.it.ops;

import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A MicroProfile Health answer: the overall status, each check's status by name, and whatever else was said (Payara
 * always adds an empty {@code data} object to a check, which says nothing).
 */
record HealthAnswer(int httpStatus, String body, String status, Map<String, String> checks, List<String> details) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static HealthAnswer of(HttpResponse<String> response) {
        try {
            JsonNode root = JSON.readTree(response.body());
            Map<String, String> checks = new LinkedHashMap<>();
            List<String> details = new ArrayList<>();
            root.fieldNames().forEachRemaining(field -> {
                if (!field.equals("status") && !field.equals("checks")) {
                    details.add(field);
                }
            });
            for (JsonNode check : root.path("checks")) {
                checks.put(check.path("name").asText(), check.path("status").asText());
                check.fieldNames().forEachRemaining(field -> {
                    boolean emptyData = field.equals("data") && check.get(field).isEmpty();
                    if (!field.equals("name") && !field.equals("status") && !emptyData) {
                        details.add(check.path("name").asText() + "." + field + "=" + check.get(field));
                    }
                });
            }
            return new HealthAnswer(response.statusCode(), response.body(), root.path("status").asText(), checks,
                    details);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("not a health answer (" + response.statusCode() + "): " + response.body(), e);
        }
    }
}
