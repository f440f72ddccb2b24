package io.atrium.web.it.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.atrium.standins.TemporaryDirectories;

/** Every answer carries a request id, and so does every line Atrium logs while serving that request (text format). */
class RequestIdIT {

    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    private static Path directory;
    private static AtriumProcess atrium;

    @BeforeAll
    static void start() throws IOException {
        directory = Files.createTempDirectory("atrium-request-id-it");
        atrium = AtriumProcess.start(directory, Map.of());
    }

    @AfterAll
    static void stop() throws IOException {
        if (atrium != null) {
            atrium.close();
        }
        TemporaryDirectories.delete(directory);
    }

    @Test
    void a_callers_request_id_is_echoed_and_in_the_log_line_of_that_request() {
        HttpResponse<String> refused = atrium.send(HttpRequest.newBuilder(atrium.uri("/api/v1/me"))
                .header("X-Request-Id", "lb-7f3a9c21-0001").header("Authorization", "Bearer not-a-token").build());

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("X-Request-Id")).contains("lb-7f3a9c21-0001");
        assertThat(atrium.log()).containsPattern("request=lb-7f3a9c21-0001 API call refused: status=401");
    }

    @Test
    void without_a_request_id_atrium_makes_one_for_every_answer_even_a_redirect_to_entra() {
        HttpResponse<String> first = atrium.get("/");
        HttpResponse<String> second = atrium.get("/");

        assertThat(first.statusCode()).isEqualTo(302);
        assertThat(first.headers().firstValue("X-Request-Id")).hasValueSatisfying(id -> assertThat(id).matches(UUID));
        assertThat(second.headers().firstValue("X-Request-Id")).isNotEqualTo(first.headers().firstValue("X-Request-Id"));
    }

    @Test
    void a_request_id_that_could_forge_log_lines_is_replaced() {
        HttpResponse<String> answer = atrium.send(HttpRequest.newBuilder(atrium.uri("/api/v1/me"))
                .header("X-Request-Id", "x\" level=SEVERE forged=yes").build());

        assertThat(answer.headers().firstValue("X-Request-Id")).hasValueSatisfying(id -> assertThat(id).matches(UUID));
        assertThat(atrium.log()).doesNotContain("forged=yes");
    }

    @Test
    void the_health_endpoints_answer_with_a_request_id_too() {
        HttpResponse<String> ready = atrium.get("/health/ready");

        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.headers().firstValue("X-Request-Id")).isPresent();
    }
}
