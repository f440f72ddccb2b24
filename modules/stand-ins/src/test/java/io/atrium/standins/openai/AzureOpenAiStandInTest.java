package io.atrium.standins.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AzureOpenAiStandInTest {

    private static final String KEY = "test-key-0123456789";
    private static final String HELLO = """
            {"messages":[{"role":"system","content":"You are terse"},{"role":"user","content":"Hello, world!"}]}""";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private AzureOpenAiStandIn standIn;

    @BeforeEach
    void start() {
        standIn = AzureOpenAiStandIn.start(0, KEY);
    }

    @AfterEach
    void stop() {
        standIn.close();
    }

    @Test
    void endpoint_is_localhost_on_the_port_it_listens_on() {
        assertThat(standIn.port()).isPositive();
        assertThat(standIn.endpoint()).isEqualTo("http://localhost:" + standIn.port());
        assertThat(standIn.apiKey()).isEqualTo(KEY);
    }

    @Test
    void request_without_api_key_is_refused_with_azures_401() throws Exception {
        HttpResponse<String> response = post("/openai/deployments/gpt-4o-mini/chat/completions?api-version=2024-10-21",
                Map.of(), HELLO);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response)).isEqualTo(
                Fixtures.recordedResponseBody("net/ChatTests/ChatCompletionBadKeyGivesHelpfulError.json"));
    }

    @Test
    void the_v1_api_takes_the_deployment_from_the_body_and_needs_no_api_version() throws Exception {
        HttpResponse<String> answered = post("/openai/v1/chat/completions", withKey(),
                "{\"model\":\"gpt-4o-mini\"," + HELLO.substring(1));
        HttpResponse<String> unknown = post("/openai/v1/chat/completions", withKey(),
                "{\"model\":\"gpt-5-nowhere\"," + HELLO.substring(1));
        HttpResponse<String> nameless = post("/openai/v1/chat/completions", withKey(), HELLO);
        HttpResponse<String> keyless = post("/openai/v1/chat/completions", Map.of(),
                "{\"model\":\"gpt-4o-mini\"," + HELLO.substring(1));

        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
        assertThat(json(answered).path("choices").path(0).path("message").path("content").asText())
                .startsWith("Echo:");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).path("error").path("code").asText()).isEqualTo("DeploymentNotFound");
        assertThat(nameless.statusCode()).isEqualTo(400);
        assertThat(json(nameless).path("error").path("message").asText()).contains("'model'");
        assertThat(keyless.statusCode()).isEqualTo(401);
    }

    @Test
    void request_with_a_wrong_api_key_is_refused_with_azures_401() throws Exception {
        HttpResponse<String> response = chat("gpt-4o-mini", "2024-10-21", Map.of("api-key", "not-" + KEY), HELLO);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response).path("error").path("code").asText()).isEqualTo("401");
        assertThat(json(response).path("error").path("message").asText()).startsWith("Access denied");
    }

    @Test
    void answer_echoes_the_last_user_message_with_usage_and_filter_results() throws Exception {
        HttpResponse<String> response = chat("gpt-4o-mini", "2024-10-21", withKey(), HELLO);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode answer = json(response);
        assertThat(answer.path("id").asText()).startsWith("chatcmpl-");
        assertThat(answer.path("object").asText()).isEqualTo("chat.completion");
        assertThat(answer.path("model").asText()).isEqualTo("gpt-4o-mini-2024-07-18");
        assertThat(answer.path("created").asLong()).isPositive();
        assertThat(answer.path("system_fingerprint").asText()).startsWith("fp_");
        JsonNode choice = answer.path("choices").path(0);
        assertThat(choice.path("message").path("role").asText()).isEqualTo("assistant");
        assertThat(choice.path("message").path("content").asText()).isEqualTo("Echo: Hello, world!");
        assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
        assertThat(answer.path("usage").path("prompt_tokens").asInt()).as("words of both messages").isEqualTo(5);
        assertThat(answer.path("usage").path("completion_tokens").asInt()).isEqualTo(3);
        assertThat(answer.path("usage").path("total_tokens").asInt()).isEqualTo(8);
        assertThat(answer.path("prompt_filter_results").path(0).path("content_filter_results")
                .path("jailbreak").path("detected").asBoolean(true)).isFalse();
    }

    @Test
    void answer_has_the_fields_of_a_recorded_azure_answer() throws Exception {
        JsonNode answer = json(chat("gpt-4o", "2024-10-21", withKey(), HELLO));

        assertThat(fieldPaths(answer)).isEqualTo(
                fieldPaths(Fixtures.recordedResponseBody("net/ChatTests/ChatCompletionContentFilter.json")));
    }

    @Test
    void message_content_given_as_text_parts_is_echoed() throws Exception {
        String parts = """
                {"messages":[{"role":"user",
                  "content":[{"type":"text","text":"What is"},{"type":"text","text":" IBAN?"}]}]}""";

        JsonNode answer = json(chat("gpt-4o", "2024-10-21", withKey(), parts));

        assertThat(answer.path("choices").path(0).path("message").path("content").asText())
                .isEqualTo("Echo: What is IBAN?");
    }

    @Test
    void streamed_answer_sends_azures_events_in_order() throws Exception {
        String streamed = """
                {"messages":[{"role":"user","content":"Count my words please"}],
                 "stream":true,"stream_options":{"include_usage":true}}""";

        HttpResponse<String> response = chat("gpt-4o-mini", "2024-10-21", withKey(), streamed);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream; charset=utf-8");
        List<String> events = events(response.body());
        assertThat(events.get(events.size() - 1)).isEqualTo("[DONE]");
        List<JsonNode> chunks = new ArrayList<>();
        for (String event : events.subList(0, events.size() - 1)) {
            chunks.add(MAPPER.readTree(event));
        }

        JsonNode promptFilters = chunks.get(0);
        assertThat(promptFilters.path("choices").isEmpty()).isTrue();
        assertThat(promptFilters.path("id").asText()).isEmpty();
        assertThat(promptFilters.path("model").asText()).isEmpty();
        assertThat(promptFilters.path("prompt_filter_results").path(0).path("prompt_index").asInt(-1)).isZero();

        JsonNode role = chunks.get(1).path("choices").path(0);
        assertThat(role.path("delta").path("role").asText()).isEqualTo("assistant");
        assertThat(chunks.get(1).path("object").asText()).isEqualTo("chat.completion.chunk");

        JsonNode usage = chunks.get(chunks.size() - 1);
        assertThat(usage.path("choices").isEmpty()).isTrue();
        assertThat(usage.path("usage").path("prompt_tokens").asInt()).isEqualTo(4);
        assertThat(usage.path("usage").path("completion_tokens").asInt()).isEqualTo(5);

        JsonNode stop = chunks.get(chunks.size() - 2).path("choices").path(0);
        assertThat(stop.path("finish_reason").asText()).isEqualTo("stop");
        assertThat(stop.path("delta").isEmpty()).isTrue();

        List<JsonNode> pieces = chunks.subList(2, chunks.size() - 2);
        assertThat(pieces).as("one chunk per word").hasSize(5);
        StringBuilder content = new StringBuilder();
        for (JsonNode piece : pieces) {
            assertThat(piece.path("choices").path(0).path("finish_reason").isNull()).isTrue();
            content.append(piece.path("choices").path(0).path("delta").path("content").asText());
        }
        assertThat(content).hasToString("Echo: Count my words please");
        assertThat(chunks.subList(1, chunks.size())).allSatisfy(chunk ->
                assertThat(chunk.path("id").asText()).isEqualTo(chunks.get(1).path("id").asText()));
    }

    @Test
    void streamed_answer_without_include_usage_has_no_usage_chunk() throws Exception {
        String streamed = """
                {"messages":[{"role":"user","content":"Hi"}],"stream":true}""";

        List<String> events = events(chat("gpt-4o-mini", "2024-10-21", withKey(), streamed).body());

        JsonNode last = MAPPER.readTree(events.get(events.size() - 2));
        assertThat(last.path("choices").path(0).path("finish_reason").asText()).isEqualTo("stop");
        assertThat(last.has("usage")).isFalse();
    }

    @Test
    void unknown_deployment_is_refused_with_deployment_not_found() throws Exception {
        HttpResponse<String> response = chat("gpt-35-turbo", "2024-10-21", withKey(), HELLO);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).path("error").path("code").asText()).isEqualTo("DeploymentNotFound");
        assertThat(json(response).path("error").path("message").asText())
                .startsWith("The API deployment for this resource does not exist");
    }

    @Test
    void missing_api_version_is_not_found_like_azure() throws Exception {
        HttpResponse<String> response = post("/openai/deployments/gpt-4o-mini/chat/completions", withKey(), HELLO);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).path("error").path("message").asText()).isEqualTo("Resource not found");
    }

    @Test
    void unsupported_api_version_is_a_bad_request() throws Exception {
        HttpResponse<String> response = chat("gpt-4o-mini", "2019-01-01", withKey(), HELLO);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("error").path("code").asText()).isEqualTo("BadRequest");
        assertThat(json(response).path("error").path("message").asText()).isEqualTo("API version not supported");
    }

    @Test
    void body_that_is_not_json_is_a_bad_request_in_azures_shape() throws Exception {
        HttpResponse<String> response = chat("gpt-4o-mini", "2024-10-21", withKey(), "{\"messages\": [oops");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = json(response).path("error");
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.path("message").asText()).startsWith("We could not parse the JSON body");
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void body_without_messages_is_a_bad_request() throws Exception {
        HttpResponse<String> response = chat("gpt-4o-mini", "2024-10-21", withKey(), "{\"temperature\":0.2}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("error").path("message").asText())
                .isEqualTo("'messages' is a required property");
    }

    @Test
    void scripted_rate_limit_answers_429_with_retry_after_once() throws Exception {
        standIn.failNext(Fault.rateLimited(Duration.ofMillis(2500)));

        HttpResponse<String> limited = chat("gpt-4o-mini", "2024-10-21", withKey(), HELLO);
        HttpResponse<String> next = chat("gpt-4o-mini", "2024-10-21", withKey(), HELLO);

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("3");
        assertThat(limited.headers().firstValue("retry-after-ms")).hasValue("2500");
        assertThat(json(limited).path("error").path("code").asText()).isEqualTo("429");
        assertThat(json(limited).path("error").path("message").asText()).contains("Please retry after 3 seconds");
        assertThat(next.statusCode()).isEqualTo(200);
    }

    @Test
    void scripted_faults_answer_in_the_order_they_were_queued() throws Exception {
        standIn.failNext(Fault.internalServerError());
        standIn.failNext(Fault.serviceUnavailable());

        HttpResponse<String> first = chat("gpt-4o-mini", "2024-10-21", withKey(), HELLO);
        HttpResponse<String> second = chat("gpt-4o-mini", "2024-10-21", withKey(), HELLO);

        assertThat(first.statusCode()).isEqualTo(500);
        assertThat(json(first).path("error").path("type").asText()).isEqualTo("server_error");
        assertThat(second.statusCode()).isEqualTo(503);
        assertThat(json(second).path("error").path("code").asText()).isEqualTo("ServiceUnavailable");
    }

    @Test
    void scripted_fault_waits_for_a_request_that_passes_the_key_check() throws Exception {
        standIn.failNext(Fault.internalServerError());

        HttpResponse<String> refused = chat("gpt-4o-mini", "2024-10-21", Map.of(), HELLO);
        HttpResponse<String> failed = chat("gpt-4o-mini", "2024-10-21", withKey(), HELLO);

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(failed.statusCode()).isEqualTo(500);
    }

    @Test
    void received_requests_are_recorded_with_the_key_sanitized() throws Exception {
        chat("gpt-4o", "2024-10-21", withKey(), HELLO);
        post("/openai/deployments/gpt-4o/chat/completions?api-version=2024-06-01", Map.of(), HELLO);

        List<ReceivedRequest> received = standIn.received();

        assertThat(received).hasSize(2);
        ReceivedRequest first = received.get(0);
        assertThat(first.method()).isEqualTo("POST");
        assertThat(first.deployment()).hasValue("gpt-4o");
        assertThat(first.apiVersion()).hasValue("2024-10-21");
        assertThat(first.hasApiKey()).isTrue();
        assertThat(first.header("API-KEY")).hasValue("Sanitized");
        assertThat(first.header("content-type")).hasValue("application/json");
        assertThat(first.body()).isEqualTo(HELLO);
        assertThat(received.get(1).hasApiKey()).isFalse();
        assertThat(received.get(1).apiVersion()).hasValue("2024-06-01");
    }

    private HttpResponse<String> chat(String deployment, String apiVersion, Map<String, String> headers, String body)
            throws IOException, InterruptedException {
        return post("/openai/deployments/" + deployment + "/chat/completions?api-version=" + apiVersion, headers, body);
    }

    private HttpResponse<String> post(String pathAndQuery, Map<String, String> headers, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(standIn.endpoint() + pathAndQuery))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> withKey() {
        return Map.of("api-key", KEY);
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return MAPPER.readTree(response.body());
    }

    /** The data of each server-sent event, checking that every event is a {@code data:} line ended by a blank line. */
    private static List<String> events(String stream) {
        assertThat(stream).endsWith("\n\n");
        List<String> events = new ArrayList<>();
        for (String event : stream.split("\n\n")) {
            assertThat(event).startsWith("data: ").doesNotContain("\n");
            events.add(event.substring("data: ".length()));
        }
        return events;
    }

    /** Every field path in a JSON tree, array elements folded into {@code []}, to compare shapes and not values. */
    private static TreeSet<String> fieldPaths(JsonNode node) {
        TreeSet<String> paths = new TreeSet<>();
        collect(node, "", paths);
        return paths;
    }

    private static void collect(JsonNode node, String path, TreeSet<String> paths) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String fieldPath = path + "/" + field.getKey();
                paths.add(fieldPath);
                collect(field.getValue(), fieldPath, paths);
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                collect(element, path + "[]", paths);
            }
        }
    }
}
