package io.atrium.standins.openai;

import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An error as Azure OpenAI answers it. Azure speaks two shapes: its gateway answers {@code {"error":{"code","message"}}}
 * (bad key, unknown route, unknown deployment, quota), while the model service behind it answers OpenAI's
 * {@code {"error":{"message","type","param","code"}}} (bad request bodies, server errors). Wording follows the
 * recordings in {@code shared/fixtures/azure-openai} and errors reported against the real service.
 */
record AzureError(int status, Map<String, String> headers, ObjectNode body) {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    static AzureError accessDenied() {
        return gatewayError(401, "401", "Access denied due to invalid subscription key or wrong API endpoint. Make sure "
                + "to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.");
    }

    /** What Azure answers for any unknown route, and also when the {@code api-version} parameter is missing. */
    static AzureError resourceNotFound() {
        return gatewayError(404, "404", "Resource not found");
    }

    static AzureError apiVersionNotSupported() {
        return gatewayError(400, "BadRequest", "API version not supported");
    }

    static AzureError deploymentNotFound() {
        return gatewayError(404, "DeploymentNotFound", "The API deployment for this resource does not exist. If you "
                + "created the deployment within the last 5 minutes, please wait a moment and try again.");
    }

    static AzureError unparsableBody() {
        return invalidRequest("We could not parse the JSON body of your request. (HINT: This likely means you aren't "
                + "using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not "
                + "valid JSON.)");
    }

    static AzureError invalidRequest(String message) {
        return modelError(400, "invalid_request_error", message);
    }

    /** Which of Azure's two retry headers a 429 carries. */
    enum RetryAdvice {
        BOTH, SECONDS_ONLY, MILLISECONDS_ONLY, NONE
    }

    /** Quota exhausted; Azure says when to retry twice, in seconds ({@code Retry-After}) and in milliseconds. */
    static AzureError rateLimited(Duration retryAfter, String apiVersion) {
        return rateLimited(retryAfter, apiVersion, RetryAdvice.BOTH);
    }

    static AzureError rateLimited(Duration retryAfter, String apiVersion, RetryAdvice advice) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        ObjectNode body = gatewayBody("429", "Requests to the ChatCompletions_Create Operation under Azure OpenAI API "
                + "version " + apiVersion + " have exceeded token rate limit of your current OpenAI S0 pricing tier. "
                + "Please retry after " + seconds + " seconds. Please go here: https://aka.ms/oai/quotaincrease if you "
                + "would like to further increase the default rate limit.");
        Map<String, String> headers = switch (advice) {
            case BOTH -> Map.of("Retry-After", Long.toString(seconds), "retry-after-ms",
                    Long.toString(retryAfter.toMillis()));
            case SECONDS_ONLY -> Map.of("Retry-After", Long.toString(seconds));
            case MILLISECONDS_ONLY -> Map.of("retry-after-ms", Long.toString(retryAfter.toMillis()));
            case NONE -> Map.of();
        };
        return new AzureError(429, headers, body);
    }

    /**
     * The prompt filter's refusal: 400 {@code content_filter} with an {@code innererror} naming the category, as
     * Azure answers a request whose messages it blocks (streaming or not).
     */
    static AzureError promptFiltered() {
        ObjectNode body = JSON.objectNode();
        ObjectNode error = body.putObject("error");
        error.put("message", "The response was filtered due to the prompt triggering Azure OpenAI's content "
                + "management policy. Please modify your prompt and retry. To learn more about our content filtering "
                + "policies please read our documentation: https://go.microsoft.com/fwlink/?linkid=2198766");
        error.put("type", (String) null);
        error.put("param", "prompt");
        error.put("code", "content_filter");
        error.put("status", 400);
        ObjectNode inner = error.putObject("innererror");
        inner.put("code", "ResponsibleAIPolicyViolation");
        ObjectNode results = inner.putObject("content_filter_result");
        results.putObject("hate").put("filtered", false).put("severity", "safe");
        results.putObject("jailbreak").put("filtered", false).put("detected", false);
        results.putObject("self_harm").put("filtered", false).put("severity", "safe");
        results.putObject("sexual").put("filtered", false).put("severity", "safe");
        results.putObject("violence").put("filtered", true).put("severity", "high");
        return new AzureError(400, Map.of(), body);
    }

    /** Azure's answer to an Entra token it cannot accept: unsigned by the tenant, wrong audience, expired. */
    static AzureError invalidToken() {
        return gatewayError(401, "401", "Unauthorized. Access token is missing, invalid, audience is incorrect "
                + "(https://cognitiveservices.azure.com), or have expired.");
    }

    /**
     * A CAE claims challenge: the token is valid, but a critical event revoked it. The header is the challenge; the
     * body carries Graph's and ARM's wording for it.
     */
    static AzureError claimsChallenge(String wwwAuthenticate) {
        ObjectNode body = gatewayBody("401", "Continuous access evaluation resulted in challenge with result: "
                + "InteractionRequired and code: TokenIssuedBeforeRevocationTimestamp");
        return new AzureError(401, Map.of("WWW-Authenticate", wwwAuthenticate), body);
    }

    /** Refusal of a key sent to a resource that was told to take Entra tokens only. */
    static AzureError unexpectedApiKey() {
        return gatewayError(401, "401", "This resource accepts only Microsoft Entra ID tokens; the request carried "
                + "an api-key header it did not ask for.");
    }

    static AzureError internalServerError() {
        return modelError(500, "server_error", "The server had an error while processing your request. Sorry about that!");
    }

    static AzureError serviceUnavailable() {
        return gatewayError(503, "ServiceUnavailable",
                "The service is temporarily unable to process your request. Please try again later.");
    }

    private static AzureError gatewayError(int status, String code, String message) {
        return new AzureError(status, Map.of(), gatewayBody(code, message));
    }

    private static ObjectNode gatewayBody(String code, String message) {
        ObjectNode body = JSON.objectNode();
        body.putObject("error").put("code", code).put("message", message);
        return body;
    }

    private static AzureError modelError(int status, String type, String message) {
        ObjectNode body = JSON.objectNode();
        body.putObject("error").put("message", message).put("type", type).putNull("param").putNull("code");
        return new AzureError(status, Map.of(), body);
    }
}
