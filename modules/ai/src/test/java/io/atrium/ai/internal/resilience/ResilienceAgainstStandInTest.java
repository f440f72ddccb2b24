package io.atrium.ai.internal.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.atrium.ai.AiCaller;
import io.atrium.ai.AiUnavailableException;
import io.atrium.ai.AiUnavailableException.Kind;
import io.atrium.ai.ChatReply;
import io.atrium.ai.ChatTurn;
import io.atrium.ai.RecordingListener;
import io.atrium.ai.TestConfig;
import io.atrium.ai.internal.client.AzureOpenAiChat;
import io.atrium.ai.internal.client.AzureOpenAiSettings;
import io.atrium.ai.internal.credential.ApiKeyCredential;
import io.atrium.standins.openai.AzureOpenAiStandIn;
import io.atrium.standins.openai.Fault;

/**
 * Faults injected by the Azure OpenAI stand-in, whole and streamed answers: what is retried and after how long, what
 * fails at once and with which words for the employee, and the circuit breaker per deployment.
 */
class ResilienceAgainstStandInTest {

    private static final String KEY = "stand-in-key-resilience";
    private static final AiCaller ERIN = AiCaller.of("tenant-1", "oid-erin", Set.of("employee"));
    private static final List<ChatTurn> QUESTION = List.of(ChatTurn.user("How many vacation days do I have?"));
    private static final Duration WAIT = Duration.ofSeconds(15);

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
    void rate_limit_is_retried_after_azures_retry_after_ms() {
        standIn.failNext(Fault.rateLimited(Duration.ofMillis(400)));

        Timed<ChatReply> reply = timed(() -> complete(chat(Map.of())));

        assertThat(reply.value.content()).startsWith("Echo:");
        assertThat(standIn.received()).hasSize(2);
        assertThat(reply.millis).as("waited 400 ms, not the rounded-up second").isBetween(400L, 950L);
    }

    @Test
    void rate_limit_with_only_retry_after_waits_those_seconds() {
        standIn.failNext(Fault.rateLimitedRetryAfterOnly(Duration.ofSeconds(1)));

        Timed<ChatReply> reply = timed(() -> complete(chat(Map.of())));

        assertThat(reply.value.content()).startsWith("Echo:");
        assertThat(reply.millis).isGreaterThanOrEqualTo(1000L);
    }

    @Test
    void rate_limit_with_only_retry_after_ms_waits_those_milliseconds() {
        standIn.failNext(Fault.rateLimitedRetryAfterMsOnly(Duration.ofMillis(200)));

        Timed<ChatReply> reply = timed(() -> complete(chat(Map.of())));

        assertThat(reply.value.content()).startsWith("Echo:");
        assertThat(reply.millis).isBetween(200L, 900L);
    }

    @Test
    void rate_limit_without_advice_waits_a_second() {
        standIn.failNext(Fault.rateLimitedWithoutAdvice());

        Timed<ChatReply> reply = timed(() -> complete(chat(Map.of())));

        assertThat(reply.value.content()).startsWith("Echo:");
        assertThat(reply.millis).isGreaterThanOrEqualTo(1000L);
    }

    @Test
    void a_wait_longer_than_the_budget_is_not_waited_and_the_employee_is_told_when_to_try() {
        standIn.failNext(Fault.rateLimited(Duration.ofSeconds(45)));

        Timed<AiUnavailableException> e = timed(() -> failureOf(() -> complete(chat(Map.of()))));

        assertThat(e.millis).isLessThan(1000L);
        assertThat(standIn.received()).hasSize(1);
        assertThat(e.value.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(e.value.userMessage()).isEqualTo("The assistant is busy right now. Please try again in 45 seconds.");
    }

    @Test
    void rate_limit_retries_stop_at_the_configured_number() {
        for (int i = 0; i < 3; i++) {
            standIn.failNext(Fault.rateLimited(Duration.ofMillis(50)));
        }

        AiUnavailableException e = failureOf(() -> complete(chat(Map.of("atrium.ai.max-rate-limit-retries", "2"))));

        assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(standIn.received()).hasSize(3);
    }

    @Test
    void a_server_error_is_retried_once() {
        standIn.failNext(Fault.internalServerError());
        assertThat(complete(chat(Map.of())).content()).startsWith("Echo:");
        assertThat(standIn.received()).hasSize(2);

        standIn.failNext(Fault.internalServerError());
        standIn.failNext(Fault.serviceUnavailable());
        AiUnavailableException e = failureOf(() -> complete(chat(Map.of())));
        assertThat(e.kind()).isEqualTo(Kind.UPSTREAM_ERROR);
        assertThat(e.upstreamStatus()).hasValue(503);
        assertThat(e.userMessage()).isEqualTo("The assistant is not available right now. Please try again in a few "
                + "minutes.");
        assertThat(standIn.received()).hasSize(4);
    }

    @Test
    void a_first_byte_later_than_the_read_timeout_is_a_timeout_without_retry() {
        standIn.failNext(Fault.slowFirstByte(Duration.ofMillis(1500)));

        Timed<AiUnavailableException> e = timed(() -> failureOf(
                () -> complete(chat(Map.of("atrium.ai.read-timeout-ms", "400")))));

        assertThat(e.value.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(e.value.userMessage()).isEqualTo("The assistant took too long to answer. Please try again.");
        assertThat(e.millis).isBetween(400L, 1400L);
        assertThat(standIn.received()).hasSize(1);
    }

    @Test
    void a_streamed_first_byte_later_than_the_read_timeout_is_a_timeout() throws Exception {
        standIn.failNext(Fault.slowFirstByte(Duration.ofMillis(1500)));

        RecordingListener listener = stream(chat(Map.of("atrium.ai.read-timeout-ms", "400")));

        assertThat(listener.failure().kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(standIn.received()).hasSize(1);
    }

    @Test
    void silence_between_streamed_events_longer_than_the_read_timeout_is_a_timeout() throws Exception {
        standIn.failNext(Fault.slowEvents(Duration.ofMillis(800)));

        RecordingListener listener = stream(chat(Map.of("atrium.ai.read-timeout-ms", "400")));

        assertThat(listener.failure().kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(listener.failure().getMessage()).contains("in the middle of a streamed answer");
    }

    @Test
    void a_connection_cut_mid_stream_fails_with_the_pieces_already_delivered_and_no_retry() throws Exception {
        standIn.failNext(Fault.cutAfter(4));

        RecordingListener listener = stream(chat(Map.of()));

        assertThat(listener.failure().kind()).isEqualTo(Kind.UPSTREAM_ERROR);
        assertThat(String.join("", listener.deltas)).isEqualTo("Echo: How");
        assertThat(standIn.received()).hasSize(1);
        assertThat(listener.endings).isEqualTo(1);
    }

    @Test
    void a_streamed_rate_limit_is_retried_before_anything_is_delivered() throws Exception {
        standIn.failNext(Fault.rateLimited(Duration.ofMillis(200)));
        standIn.failNext(Fault.internalServerError());

        RecordingListener listener = stream(chat(Map.of()));

        assertThat(listener.reply().content()).isEqualTo("Echo: How many vacation days do I have?");
        assertThat(standIn.received()).hasSize(3);
    }

    @Test
    void a_prompt_blocked_by_the_content_filter_is_content_filtered_whole_and_streamed() throws Exception {
        standIn.failNext(Fault.promptFiltered());
        AiUnavailableException whole = failureOf(() -> complete(chat(Map.of())));
        standIn.failNext(Fault.promptFiltered());
        RecordingListener streamed = stream(chat(Map.of()));

        for (AiUnavailableException e : List.of(whole, streamed.failure())) {
            assertThat(e.kind()).isEqualTo(Kind.CONTENT_FILTERED);
            assertThat(e.upstreamStatus()).hasValue(400);
            assertThat(e.getMessage()).contains("ResponsibleAIPolicyViolation", "violence");
            assertThat(e.userMessage()).isEqualTo("Azure's content filter blocked your message: it found violence "
                    + "(high severity). Please rephrase your message.");
        }
        assertThat(standIn.received()).as("not retried").hasSize(2);
    }

    @Test
    void an_answer_blocked_while_generated_is_content_filtered_whole_and_streamed() throws Exception {
        standIn.failNext(Fault.completionFiltered());
        assertThat(failureOf(() -> complete(chat(Map.of()))).kind()).isEqualTo(Kind.CONTENT_FILTERED);

        standIn.failNext(Fault.completionFiltered());
        RecordingListener listener = stream(chat(Map.of()));
        assertThat(listener.failure().kind()).isEqualTo(Kind.CONTENT_FILTERED);
        assertThat(listener.failure().getMessage()).contains("violence=filtered:high");
        assertThat(listener.failure().userMessage()).isEqualTo("Azure's content filter stopped the answer: it found "
                + "violence (high severity). Please rephrase your message.");
    }

    @Test
    void an_answer_flagged_by_the_asynchronous_filter_after_streaming_is_content_filtered() throws Exception {
        standIn.failNext(Fault.completionFilteredAsynchronously());

        RecordingListener listener = stream(chat(Map.of()));

        assertThat(String.join("", listener.deltas)).as("streamed before the verdict")
                .isEqualTo("Echo: How many vacation days do I have?");
        assertThat(listener.failure().kind()).isEqualTo(Kind.CONTENT_FILTERED);
    }

    @Test
    void the_circuit_breaker_opens_per_deployment_and_closes_after_a_good_trial() throws Exception {
        AzureOpenAiChat chat = chat(Map.of("atrium.ai.circuit-breaker.failures", "2",
                "atrium.ai.circuit-breaker.open-ms", "600"));
        standIn.failNext(Fault.internalServerError());
        standIn.failNext(Fault.internalServerError());
        assertThat(failureOf(() -> complete(chat)).upstreamStatus()).hasValue(500);
        int sent = standIn.received().size();

        AiUnavailableException open = failureOf(() -> complete(chat));
        assertThat(open.kind()).isEqualTo(Kind.UPSTREAM_ERROR);
        assertThat(open.getMessage()).contains("circuit breaker open for deployment gpt-4o-mini");
        assertThat(standIn.received()).as("nothing sent while open").hasSize(sent);
        assertThat(chat.complete(ERIN, "gpt-4o", QUESTION, Optional.empty(), Optional.empty()).content())
                .as("another deployment is unaffected").startsWith("Echo:");

        long deadline = System.nanoTime() + WAIT.toNanos();
        ChatReply reply = null;
        while (reply == null && System.nanoTime() < deadline) {
            try {
                reply = complete(chat);
            } catch (AiUnavailableException stillOpen) {
                Thread.sleep(50);
            }
        }
        assertThat(reply).as("closed again after the open time").isNotNull();
    }

    private ChatReply complete(AzureOpenAiChat chat) {
        return chat.complete(ERIN, "gpt-4o-mini", QUESTION, Optional.empty(), Optional.empty());
    }

    private RecordingListener stream(AzureOpenAiChat chat) throws Exception {
        RecordingListener listener = new RecordingListener();
        chat.stream(ERIN, "gpt-4o-mini", QUESTION, Optional.empty(), Optional.empty(), listener);
        return listener.awaitEnd(WAIT);
    }

    private AzureOpenAiChat chat(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(Map.of("atrium.ai.read-timeout-ms", "5000"));
        all.putAll(settings);
        return new AzureOpenAiChat(new AzureOpenAiSettings(TestConfig.apiKey(standIn.endpoint(), KEY, all)),
                new ApiKeyCredential(KEY));
    }

    private static AiUnavailableException failureOf(Runnable call) {
        return catchThrowableOfType(AiUnavailableException.class, call::run);
    }

    private static <T> Timed<T> timed(java.util.function.Supplier<T> call) {
        long started = System.nanoTime();
        T value = call.get();
        return new Timed<>(value, (System.nanoTime() - started) / 1_000_000);
    }

    private record Timed<T>(T value, long millis) {
    }
}
