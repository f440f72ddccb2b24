package io.atrium.standins.graph;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An error as Microsoft Graph answers it: {@code {"error":{"code","message","innerError":{"date","request-id",
 * "client-request-id"}}}}, with Graph's codes and wording for the cases the stand-in plays.
 */
record GraphError(int status, String code, String message) {

    static GraphError emptyToken() {
        return invalidToken("Access token is empty.");
    }

    static GraphError unparsableToken() {
        return invalidToken("CompactToken parsing failed with error code: 80049217");
    }

    static GraphError invalidToken(String message) {
        return new GraphError(401, "InvalidAuthenticationToken", message);
    }

    static GraphError userNotFound(String id) {
        return new GraphError(404, "Request_ResourceNotFound", "Resource '" + id
                + "' does not exist or one of its queried reference-property objects are not present.");
    }

    static GraphError segmentNotFound(String segment) {
        return new GraphError(400, "BadRequest", "Resource not found for the segment '" + segment + "'.");
    }

    static GraphError unknownProperty(String property, String type) {
        return new GraphError(400, "BadRequest", "Could not find a property named '" + property + "' on type '"
                + type + "'.");
    }

    static GraphError badRequest(String message) {
        return new GraphError(400, "Request_BadRequest", message);
    }

    static GraphError methodNotAllowed() {
        return new GraphError(405, "Request_BadRequest",
                "Specified HTTP method is not allowed for the request target.");
    }

    static GraphError generalException() {
        return new GraphError(500, "generalException", "General exception while processing.");
    }

    ObjectNode body(String requestId, String clientRequestId, Instant now) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putObject("error")
                .put("code", code)
                .put("message", message)
                .putObject("innerError")
                .put("date", now.truncatedTo(ChronoUnit.SECONDS).toString())
                .put("request-id", requestId)
                .put("client-request-id", clientRequestId);
        return body;
    }

    /** A request the stand-in answers with this error instead of data. */
    static final class Refusal extends Exception {

        private static final long serialVersionUID = 1L;

        private final transient GraphError error;

        Refusal(GraphError error) {
            super(error.message(), null, false, false);
            this.error = error;
        }

        GraphError error() {
            return error;
        }
    }
}
