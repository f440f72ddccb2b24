package io.atrium.standins.hostile;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An error as Entra's token endpoint answers it: RFC 6749's {@code error} and {@code error_description}, the latter
 * starting with an AADSTS code, plus Entra's {@code error_codes}, {@code timestamp}, {@code trace_id} and
 * {@code correlation_id} (shape as in {@code shared/fixtures/token-flows}).
 */
record OAuthError(int status, String error, int entraCode, String description) {

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    static OAuthError invalidClient() {
        return new OAuthError(401, "invalid_client", 7000215, "Invalid client secret provided.");
    }

    static OAuthError missingParameter(String name) {
        return new OAuthError(400, "invalid_request", 900144,
                "The request body must contain the following parameter: '" + name + "'.");
    }

    static OAuthError unsupportedGrantType() {
        return new OAuthError(400, "unsupported_grant_type", 70003, "The app requested an unsupported grant type.");
    }

    /** An unknown code, one already redeemed, or one issued to another client. */
    static OAuthError invalidCode() {
        return new OAuthError(400, "invalid_grant", 70000, "The provided value for the 'code' parameter is not valid.");
    }

    static OAuthError redirectUriMismatch() {
        return new OAuthError(400, "invalid_grant", 500112, "The reply address does not match the reply address "
                + "provided when requesting Authorization code.");
    }

    static OAuthError codeVerifierMismatch() {
        return new OAuthError(400, "invalid_grant", 501481,
                "The Code_Verifier does not match the code_challenge supplied in the authorization request.");
    }

    Map<String, Object> body(Instant now) {
        String traceId = UUID.randomUUID().toString();
        String correlationId = UUID.randomUUID().toString();
        String timestamp = TIMESTAMP.format(now);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", "AADSTS" + entraCode + ": " + description + " Trace ID: " + traceId
                + " Correlation ID: " + correlationId + " Timestamp: " + timestamp);
        body.put("error_codes", List.of(entraCode));
        body.put("timestamp", timestamp);
        body.put("trace_id", traceId);
        body.put("correlation_id", correlationId);
        return body;
    }
}
