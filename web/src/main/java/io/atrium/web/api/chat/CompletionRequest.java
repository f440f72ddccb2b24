package io.atrium.web.api.chat;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import io.atrium.ai.ChatRequest;
import io.atrium.ai.ChatTurn;

import static io.atrium.web.JsonProviders.JSON;

/**
 * The body of an OpenAI chat-completions request, read strictly enough that a caller's mistake gets a sentence naming
 * it: {@code messages} (roles system, user, assistant; text content), {@code model} (one of Atrium's deployments;
 * the default when absent), {@code stream}, {@code stream_options.include_usage}, {@code max_tokens} (or
 * {@code max_completion_tokens}), {@code temperature}. Parameters that would change what the answer is (tools,
 * structured output, several choices, log probabilities, audio) are refused by name, never dropped: a caller that asked
 * for JSON or a tool call must not get prose it takes for one. Others (user, seed, stop...) are ignored.
 */
record CompletionRequest(ChatRequest chat, boolean stream, boolean includeUsage) {

    /** Accepted only with the value that means "as without it". */
    private static final Set<String> UNSUPPORTED = Set.of("tools", "tool_choice", "parallel_tool_calls", "functions",
            "function_call", "response_format", "n", "logprobs", "top_logprobs", "audio", "modalities", "prediction");

    /** @throws InvalidRequest with a message for the caller when the body is not such a request */
    static CompletionRequest parse(String body) throws InvalidRequest {
        JsonObject json;
        try {
            JsonValue value = JSON.createReader(new StringReader(body == null ? "" : body)).readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new InvalidRequest("The request body must be a JSON object.");
            }
            json = value.asJsonObject();
        } catch (JsonException e) {
            throw new InvalidRequest("The request body is not valid JSON.");
        }
        refuseUnsupported(json);
        List<ChatTurn> conversation = messages(json.get("messages"));
        Optional<String> model = optionalString(json, "model");
        Optional<Integer> maxTokens = positiveInt(json, "max_tokens");
        if (maxTokens.isEmpty()) {
            maxTokens = positiveInt(json, "max_completion_tokens");
        }
        Optional<Double> temperature = number(json, "temperature");
        if (temperature.isPresent() && !(temperature.get() >= 0 && temperature.get() <= 2)) {
            throw new InvalidRequest("'temperature' must be between 0 and 2.");
        }
        boolean stream = bool(json, "stream");
        boolean includeUsage = json.get("stream_options") instanceof JsonObject options
                && options.get("include_usage") == JsonValue.TRUE;
        return new CompletionRequest(new ChatRequest(conversation, model, maxTokens, temperature), stream,
                includeUsage);
    }

    private static void refuseUnsupported(JsonObject json) throws InvalidRequest {
        for (String name : json.keySet().stream().filter(UNSUPPORTED::contains).sorted().toList()) {
            JsonValue value = json.get(name);
            boolean harmless = value == JsonValue.NULL
                    || name.equals("n") && value instanceof JsonNumber number && number.isIntegral()
                    && number.longValue() == 1
                    || name.equals("logprobs") && value == JsonValue.FALSE
                    || name.equals("response_format") && value instanceof JsonObject format
                    && format.get("type") instanceof JsonString type && type.getString().equals("text")
                    || name.equals("tools") && value instanceof JsonArray tools && tools.isEmpty();
            if (!harmless) {
                throw InvalidRequest.unsupported(name);
            }
        }
    }

    private static List<ChatTurn> messages(JsonValue value) throws InvalidRequest {
        if (value == null || value.getValueType() != JsonValue.ValueType.ARRAY || value.asJsonArray().isEmpty()) {
            throw new InvalidRequest("'messages' must be a non-empty array of {\"role\", \"content\"} objects.");
        }
        List<ChatTurn> turns = new ArrayList<>();
        int index = 0;
        for (JsonValue item : value.asJsonArray()) {
            if (item.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new InvalidRequest("messages[" + index + "] must be an object.");
            }
            JsonObject message = item.asJsonObject();
            String role = message.get("role") instanceof JsonString text ? text.getString() : "";
            ChatTurn.Role turnRole = switch (role.toLowerCase(Locale.ROOT)) {
                case "system", "developer" -> ChatTurn.Role.SYSTEM;
                case "user" -> ChatTurn.Role.USER;
                case "assistant" -> ChatTurn.Role.ASSISTANT;
                default -> throw new InvalidRequest("messages[" + index + "].role must be 'system', 'user' or "
                        + "'assistant', not '" + role + "'.");
            };
            if (!(message.get("content") instanceof JsonString content)) {
                throw new InvalidRequest("messages[" + index + "].content must be a string; this gateway takes "
                        + "text only.");
            }
            turns.add(new ChatTurn(turnRole, content.getString()));
            index++;
        }
        if (turns.stream().noneMatch(turn -> turn.role() == ChatTurn.Role.USER)) {
            throw new InvalidRequest("'messages' must contain at least one message with role 'user'.");
        }
        return turns;
    }

    private static Optional<String> optionalString(JsonObject json, String name) throws InvalidRequest {
        JsonValue value = json.get(name);
        if (value == null || value == JsonValue.NULL) {
            return Optional.empty();
        }
        if (!(value instanceof JsonString text)) {
            throw new InvalidRequest("'" + name + "' must be a string.");
        }
        return Optional.of(text.getString());
    }

    private static Optional<Integer> positiveInt(JsonObject json, String name) throws InvalidRequest {
        JsonValue value = json.get(name);
        if (value == null || value == JsonValue.NULL) {
            return Optional.empty();
        }
        if (!(value instanceof JsonNumber number) || !number.isIntegral() || number.longValue() < 1
                || number.longValue() > Integer.MAX_VALUE) {
            throw new InvalidRequest("'" + name + "' must be a whole number of at least 1.");
        }
        return Optional.of(number.intValue());
    }

    private static Optional<Double> number(JsonObject json, String name) throws InvalidRequest {
        JsonValue value = json.get(name);
        if (value == null || value == JsonValue.NULL) {
            return Optional.empty();
        }
        if (!(value instanceof JsonNumber number)) {
            throw new InvalidRequest("'" + name + "' must be a number.");
        }
        return Optional.of(number.doubleValue());
    }

    private static boolean bool(JsonObject json, String name) throws InvalidRequest {
        JsonValue value = json.get(name);
        if (value == null || value == JsonValue.NULL || value == JsonValue.FALSE) {
            return false;
        }
        if (value == JsonValue.TRUE) {
            return true;
        }
        throw new InvalidRequest("'" + name + "' must be true or false.");
    }

    /** The caller's mistake, in a sentence for the caller, with the parameter and OpenAI's code when there is one. */
    static final class InvalidRequest extends Exception {

        private static final long serialVersionUID = 1L;

        private final String param;
        private final String code;

        InvalidRequest(String message) {
            this(message, null, null);
        }

        private InvalidRequest(String message, String param, String code) {
            super(message);
            this.param = param;
            this.code = code;
        }

        static InvalidRequest unsupported(String param) {
            return new InvalidRequest("'" + param + "' is not supported by Atrium's gateway; send the request "
                    + "without it (Atrium passes on text chat only and never drops a parameter silently).", param,
                    "unsupported_parameter");
        }

        String param() {
            return param;
        }

        String code() {
            return code;
        }
    }
}
