package io.atrium.ai.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.SocketTimeoutException;

import jakarta.ws.rs.ProcessingException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.atrium.ai.AiUnavailableException;
import io.atrium.ai.AiUnavailableException.Kind;

class AzureOpenAiErrorsTest {

    /** Azure's answer to a prompt its content filter blocks; shape as documented for api-version 2024-10-21. */
    private static final String PROMPT_FILTERED = """
            {"error":{"message":"The response was filtered due to the prompt triggering Azure OpenAI's content \
            management policy. Please modify your prompt and retry.","type":null,"param":"prompt",\
            "code":"content_filter","status":400,"innererror":{"code":"ResponsibleAIPolicyViolation",\
            "content_filter_result":{"hate":{"filtered":false,"severity":"safe"},\
            "jailbreak":{"filtered":false,"detected":false},"violence":{"filtered":true,"severity":"medium"}}}}}""";

    @Test
    void refused_key_is_unauthorized_and_tells_the_employee_an_administrator_must_act() {
        String body = Fixtures.recordedResponseBody("net/ChatTests/ChatCompletionBadKeyGivesHelpfulError.json");

        AiUnavailableException e = AzureOpenAiErrors.fromResponse(401, body, null, null);

        assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED);
        assertThat(e.userMessage()).isEqualTo("Atrium's access to Azure OpenAI was refused. An administrator needs to "
                + "check Atrium's Azure OpenAI credentials.");
        assertThat(e.getMessage()).contains("HTTP 401", "code 401", "Access denied");
        assertThat(e.upstreamStatus()).hasValue(401);
    }

    @Test
    void missing_permission_is_unauthorized() {
        String body = "{\"error\":{\"code\":\"PermissionDenied\",\"message\":\"Principal does not have access to "
                + "API/Operation.\"}}";

        assertThat(AzureOpenAiErrors.fromResponse(403, body, null, null).kind()).isEqualTo(Kind.UNAUTHORIZED);
    }

    @Test
    void unknown_deployment_is_deployment_not_found_with_azures_code_for_the_operator() {
        String body = "{\"error\":{\"code\":\"DeploymentNotFound\",\"message\":\"The API deployment for this resource "
                + "does not exist.\"}}";

        AiUnavailableException e = AzureOpenAiErrors.fromResponse(404, body, null, null);

        assertThat(e.kind()).isEqualTo(Kind.DEPLOYMENT_NOT_FOUND);
        assertThat(e.getMessage()).contains("DeploymentNotFound");
        assertThat(e.userMessage()).contains("administrator").doesNotContain("DeploymentNotFound");
    }

    @Test
    void rate_limit_carries_azures_retry_after_seconds() {
        String body = "{\"error\":{\"code\":\"429\",\"message\":\"Requests to the ChatCompletions_Create Operation "
                + "have exceeded token rate limit. Please retry after 7 seconds.\"}}";

        AiUnavailableException e = AzureOpenAiErrors.fromResponse(429, body, "7", "6200");

        assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(e.retryAfterSeconds()).hasValue(7);
        assertThat(e.userMessage()).isEqualTo("The assistant is busy right now. Please try again in 7 seconds.");
    }

    @Test
    void rate_limit_with_only_milliseconds_rounds_up_to_whole_seconds() {
        AiUnavailableException e = AzureOpenAiErrors.fromResponse(429, "", null, "2500");

        assertThat(e.retryAfterSeconds()).hasValue(3);
    }

    @Test
    void rate_limit_without_retry_headers_asks_for_a_minute() {
        AiUnavailableException e = AzureOpenAiErrors.fromResponse(429, "", null, null);

        assertThat(e.retryAfterSeconds()).isEmpty();
        assertThat(e.userMessage()).isEqualTo("The assistant is busy right now. Please try again in a minute.");
    }

    @Test
    void filtered_prompt_is_content_filtered_naming_the_category_and_severity_for_the_operator_and_the_employee() {
        AiUnavailableException e = AzureOpenAiErrors.fromResponse(400, PROMPT_FILTERED, null, null);

        assertThat(e.kind()).isEqualTo(Kind.CONTENT_FILTERED);
        assertThat(e.getMessage()).contains("content_filter", "ResponsibleAIPolicyViolation", "[violence]");
        assertThat(e.filters().prompt()).containsExactly(java.util.Map.entry("violence", "filtered:medium"));
        assertThat(e.userMessage()).isEqualTo("Azure's content filter blocked your message: it found violence "
                + "(medium severity). Please rephrase your message.");
    }

    @Test
    void rejected_request_is_a_bad_request() {
        String body = Fixtures.recordedResponseBody(
                "java/OpenAISyncClientTest.testGetChatCompletionsStreamTokenCutoff[1].json");

        AiUnavailableException e = AzureOpenAiErrors.fromResponse(400, body, null, null);

        assertThat(e.kind()).isEqualTo(Kind.BAD_REQUEST);
        assertThat(e.getMessage()).contains("Unrecognized request argument supplied: max_completion_tokens");
    }

    @ParameterizedTest(name = "HTTP {0} is {1}")
    @CsvSource({
            "500, UPSTREAM_ERROR",
            "502, UPSTREAM_ERROR",
            "503, UPSTREAM_ERROR",
            "504, TIMEOUT",
            "408, TIMEOUT",
            "413, BAD_REQUEST",
            "422, BAD_REQUEST"})
    void other_statuses(int status, Kind kind) {
        String body = "{\"error\":{\"message\":\"The server had an error while processing your request. Sorry about "
                + "that!\",\"type\":\"server_error\",\"param\":null,\"code\":null}}";

        AiUnavailableException e = AzureOpenAiErrors.fromResponse(status, body, null, null);

        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.userMessage()).doesNotContain("Sorry about that");
    }

    @Test
    void body_that_is_not_azure_json_still_maps_by_status() {
        AiUnavailableException e = AzureOpenAiErrors.fromResponse(502, "<html><body>Bad Gateway</body></html>", null,
                null);

        assertThat(e.kind()).isEqualTo(Kind.UPSTREAM_ERROR);
        assertThat(e.getMessage()).contains("HTTP 502", "without an Azure error body");
    }

    @Test
    void read_timeout_is_a_timeout() {
        ProcessingException failure = new ProcessingException(new SocketTimeoutException("Read timed out"));

        AiUnavailableException e = AzureOpenAiErrors.fromNoAnswer(failure);

        assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(e.upstreamStatus()).isEmpty();
        assertThat(e.getCause()).isSameAs(failure);
    }

    @Test
    void refused_connection_is_an_upstream_error() {
        AiUnavailableException e = AzureOpenAiErrors.fromNoAnswer(
                new ProcessingException(new ConnectException("Connection refused")));

        assertThat(e.kind()).isEqualTo(Kind.UPSTREAM_ERROR);
        assertThat(e.getMessage()).contains("Connection refused");
        assertThat(e.userMessage()).isEqualTo("The assistant is not available right now. Please try again in a few "
                + "minutes.");
    }
}
