package io.atrium.web.api.chat;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import static io.atrium.web.JsonProviders.JSON;

/**
 * An error in OpenAI's shape, {@code {"error": {"message", "type", "param", "code"}}}: the gateway's callers are OpenAI
 * clients, which read exactly that (the token refusals before the gateway runs stay RFC 9457, like the rest of /api).
 */
final class OpenAiError {

    private OpenAiError() {
    }

    static JsonObject body(String message, String type, String code) {
        return body(message, type, null, code);
    }

    private static JsonObject body(String message, String type, String param, String code) {
        return JSON.createObjectBuilder().add("error", JSON.createObjectBuilder()
                .add("message", message)
                .add("type", type)
                .add("param", param == null ? JsonValue.NULL : JSON.createValue(param))
                .add("code", code == null ? JSON.createValue("") : JSON.createValue(code))
                .build()).build();
    }

    static Response.ResponseBuilder response(int status, String message, String type, String code) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body(message, type, code).toString());
    }

    static Response invalidRequest(CompletionRequest.InvalidRequest mistake) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body(mistake.getMessage(), "invalid_request_error", mistake.param(), mistake.code())
                        .toString()).build();
    }
}
