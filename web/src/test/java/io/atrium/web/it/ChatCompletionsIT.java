package io.atrium.web.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.text.ParseException;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.nimbusds.jose.util.JSONObjectUtils;

import io.atrium.standins.LocalPeers;
import io.atrium.standins.entra.DemoAccount;
import io.atrium.standins.openai.AzureOpenAiStandIn;
import io.atrium.standins.openai.Fault;

/**
 * {@code POST /api/v1/chat/completions}, the OpenAI-compatible gateway, spoken to as an OpenAI client speaks: a whole
 * answer, a streamed one, the caller's mistakes and Azure's refusals, each call counted in the usage ledger.
 */
@AtriumIT
class ChatCompletionsIT extends AtriumDeployment {

    @Test
    void a_whole_answer_comes_in_openais_shape_with_usage_and_is_counted_in_the_ledger() throws Exception {
        String token = tokenOf(DemoAccount.ERIN);
        long ledgerBefore = ledgerRowsOf(DemoAccount.ERIN);

        HttpResponse<String> answer = post(token, "{\"model\":\"" + LocalPeers.OPENAI_DEPLOYMENT + "\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"How do I book leave?\"}]}");

        assertThat(answer.statusCode()).isEqualTo(200);
        Map<String, Object> completion = JSONObjectUtils.parse(answer.body());
        assertThat(completion).containsEntry("object", "chat.completion");
        Map<String, Object> choice = JSONObjectUtils.getJSONObjectArray(completion, "choices")[0];
        assertThat(JSONObjectUtils.getJSONObject(choice, "message"))
                .containsEntry("role", "assistant").containsEntry("content", "Echo: How do I book leave?");
        assertThat(choice).containsEntry("finish_reason", "stop");
        assertThat(((Number) JSONObjectUtils.getJSONObject(completion, "usage").get("total_tokens")).intValue())
                .isPositive();
        assertThat(ledgerRowsOf(DemoAccount.ERIN)).isEqualTo(ledgerBefore + 1);
    }

    @Test
    void a_streamed_answer_arrives_as_openais_chunks_with_usage_last_and_done() throws Exception {
        HttpResponse<String> answer = post(tokenOf(DemoAccount.ERIN), "{\"stream\":true,"
                + "\"stream_options\":{\"include_usage\":true},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Say something streamed\"}]}");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/event-stream"));
        List<String> events = answer.body().lines().filter(line -> line.startsWith("data: "))
                .map(line -> line.substring("data: ".length())).toList();
        assertThat(events).last().isEqualTo("[DONE]");
        StringBuilder text = new StringBuilder();
        String finishReason = null;
        Map<String, Object> usage = null;
        for (String event : events.subList(0, events.size() - 1)) {
            Map<String, Object> chunk = JSONObjectUtils.parse(event);
            assertThat(chunk).containsEntry("object", "chat.completion.chunk");
            Map<String, Object>[] choices = JSONObjectUtils.getJSONObjectArray(chunk, "choices");
            if (choices.length == 0) {
                usage = JSONObjectUtils.getJSONObject(chunk, "usage");
                continue;
            }
            Object content = JSONObjectUtils.getJSONObject(choices[0], "delta").get("content");
            text.append(content == null ? "" : content);
            if (choices[0].get("finish_reason") != null) {
                finishReason = (String) choices[0].get("finish_reason");
            }
        }
        assertThat(text.toString()).isEqualTo("Echo: Say something streamed");
        assertThat(finishReason).isEqualTo("stop");
        assertThat(usage).isNotNull().containsKey("completion_tokens");
    }

    @Test
    void streamed_events_reach_the_caller_as_azure_sends_them_not_all_at_the_end() throws Exception {
        openAi().failNext(Fault.slowEvents(EVENT_PAUSE));
        List<RawEventStream.Event> events;
        try (RawEventStream stream = RawEventStream.post(atrium(), COMPLETIONS, tokenOf(DemoAccount.ERIN),
                streamed("one two three four five six"))) {
            assertThat(stream.status()).isEqualTo(200);
            events = stream.rest();
        }

        List<Long> textArrivals = events.stream().filter(event -> contentOf(event) != null && !contentOf(event)
                .isEmpty()).map(RawEventStream.Event::arrivedNanos).toList();
        long done = events.get(events.size() - 1).arrivedNanos();
        assertThat(events).last().extracting(RawEventStream.Event::data).isEqualTo("[DONE]");
        assertThat(textArrivals).hasSizeGreaterThanOrEqualTo(7);
        // Azure pauses before each event; forwarded as they come, the first word is 7 pauses ahead of [DONE].
        assertThat(Duration.ofNanos(done - textArrivals.get(0)))
                .as("the first word arrived well before the end").isGreaterThan(EVENT_PAUSE.multipliedBy(5));
        for (int i = 1; i < textArrivals.size(); i++) {
            assertThat(Duration.ofNanos(textArrivals.get(i) - textArrivals.get(i - 1)))
                    .as("word %d came on its own, a pause after the one before", i)
                    .isGreaterThan(EVENT_PAUSE.dividedBy(2));
        }
    }

    @Test
    void a_caller_that_goes_away_mid_stream_stops_the_call_to_azure() throws Exception {
        long abandonedBefore = openAi().abandonedStreams();
        openAi().failNext(Fault.slowEvents(EVENT_PAUSE));
        String question = String.join(" ", Collections.nCopies(40, "word"));
        try (RawEventStream stream = RawEventStream.post(atrium(), COMPLETIONS, tokenOf(DemoAccount.ERIN),
                streamed(question))) {
            assertThat(stream.status()).isEqualTo(200);
            RawEventStream.Event event = stream.next();
            while (contentOf(event) == null || contentOf(event).isEmpty()) {
                event = stream.next();
            }
        }
        long goneAt = System.nanoTime();

        // The whole answer would take 40 pauses (8 s); Atrium notices at its next write and hangs up on Azure.
        long deadline = goneAt + EVENT_PAUSE.multipliedBy(10).toNanos();
        while (openAi().abandonedStreams() == abandonedBefore && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(openAi().abandonedStreams()).as("Azure OpenAI's stand-in saw the stream abandoned")
                .isEqualTo(abandonedBefore + 1);
    }

    @Test
    void a_callers_mistakes_are_400s_that_say_what_is_wrong_and_nothing_is_sent_to_azure() {
        String token = tokenOf(DemoAccount.ERIN);
        int sent = openAi().received().size();

        assertError(post(token, "{not json"), 400, "not valid JSON");
        assertError(post(token, "{\"messages\":[]}"), 400, "'messages' must be a non-empty array");
        assertError(post(token, "{\"messages\":[{\"role\":\"robot\",\"content\":\"hi\"}]}"), 400, "'robot'");
        assertError(post(token, "{\"model\":\"gpt-9\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"), 400,
                "'gpt-9' is not one of Atrium's deployments");
        assertError(post(token, "{\"temperature\":7,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"), 400,
                "'temperature'");
        assertThat(openAi().received()).hasSize(sent);
    }

    @Test
    void a_tool_call_or_json_mode_is_refused_in_openais_shape_and_nothing_is_sent_to_azure() {
        String token = tokenOf(DemoAccount.ERIN);
        int sent = openAi().received().size();

        HttpResponse<String> tools = post(token, "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"lookup\"}}]}");
        HttpResponse<String> json = post(token, "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                + "\"response_format\":{\"type\":\"json_object\"}}");

        assertError(tools, 400, "'tools' is not supported");
        assertThat(tools.body()).contains("\"param\":\"tools\"").contains("\"code\":\"unsupported_parameter\"");
        assertError(json, 400, "'response_format' is not supported");
        assertThat(openAi().received()).hasSize(sent);
    }

    @Test
    void the_models_are_atriums_deployments_in_openais_list_shape() throws Exception {
        HttpResponse<String> answer = ApiCalls.get(atrium().resolve("/api/v1/models"), tokenOf(DemoAccount.ERIN));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        Map<String, Object> models = JSONObjectUtils.parse(answer.body());
        assertThat(models).containsEntry("object", "list");
        assertThat(JSONObjectUtils.getJSONObjectArray(models, "data")).extracting(model -> model.get("id"),
                model -> model.get("object")).containsExactly(tuple(LocalPeers.OPENAI_DEPLOYMENT, "model"));
        assertThat(ApiCalls.get(atrium().resolve("/api/v1/models"), null).statusCode()).isEqualTo(401);
    }

    @Test
    void azures_content_filter_is_a_400_with_openais_content_filter_code() {
        openAi().failNext(Fault.promptFiltered());

        HttpResponse<String> answer = post(tokenOf(DemoAccount.ERIN),
                "{\"messages\":[{\"role\":\"user\",\"content\":\"something the filter blocks\"}]}");

        assertError(answer, 400, "content filter");
        assertThat(answer.body()).contains("\"code\":\"content_filter\"")
                .contains("Azure's content filter blocked your message: it found violence (high severity).");
    }

    @Test
    void without_a_token_the_gateway_answers_401_and_calls_nobody() {
        int sent = openAi().received().size();

        HttpResponse<String> answer = post(null, "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(header ->
                assertThat(header).startsWith("Bearer"));
        assertThat(openAi().received()).hasSize(sent);
    }

    @Test
    void a_used_up_quota_is_a_429_whose_retry_after_is_the_next_utc_midnight_and_the_chat_page_says_none_is_left()
            throws Exception {
        String oid = DemoAccount.OLIVIA.oid();
        String tenant = AtriumStack.peers().entra().tenantId();
        // Today's usage past the 200 000 tokens of an administrator (Olivia is one, by a group), as if she had
        // chatted all day.
        Database.execute("INSERT INTO ai_usage (tenant_id, object_id, deployment, occurred_at, usage_day, streamed, "
                + "outcome, prompt_tokens, completion_tokens, latency_ms) VALUES (?, ?, ?, now(), "
                + "(now() AT TIME ZONE 'UTC')::date, false, 'answered', 250000, 1000, 5)", tenant, oid,
                LocalPeers.OPENAI_DEPLOYMENT);
        try {
            int sent = openAi().received().size();

            HttpResponse<String> refused = post(tokenOf(DemoAccount.OLIVIA),
                    "{\"messages\":[{\"role\":\"user\",\"content\":\"One more question\"}]}");

            assertError(refused, 429, "\"insufficient_quota\"");
            assertThat(refused.body()).contains("renewed at midnight (UTC)");
            long untilMidnight = Duration.between(Instant.now(),
                    LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC)).toSeconds();
            assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow()))
                    .isBetween(untilMidnight - 5, untilMidnight + 5);
            assertThat(openAi().received()).as("Azure was not asked").hasSize(sent);

            ScriptedBrowser browser = new ScriptedBrowser(AtriumStack.peers());
            ScriptedBrowser.Page chat = browser.signIn(atrium().resolve("/chat.xhtml"), "olivia");
            assertThat(chat.html().getElementById("allowance").text())
                    .isEqualTo("0 of 200,000 tokens left today; renewed at midnight (UTC).");
        } finally {
            Database.execute("DELETE FROM ai_usage WHERE object_id = ? AND prompt_tokens = 250000", oid);
        }
    }

    private static final String COMPLETIONS = "/api/v1/chat/completions";
    private static final Duration EVENT_PAUSE = Duration.ofMillis(200);

    private static String streamed(String question) {
        return "{\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"" + question + "\"}]}";
    }

    /** The text an event carries, or {@code null} for [DONE], usage and events without a delta's content. */
    private static String contentOf(RawEventStream.Event event) {
        if (event.data().equals("[DONE]")) {
            return null;
        }
        try {
            Map<String, Object>[] choices = JSONObjectUtils.getJSONObjectArray(JSONObjectUtils.parse(event.data()),
                    "choices");
            return choices == null || choices.length == 0 ? null
                    : (String) JSONObjectUtils.getJSONObject(choices[0], "delta").get("content");
        } catch (ParseException e) {
            throw new AssertionError("not JSON: " + event.data(), e);
        }
    }

    private static void assertError(HttpResponse<String> answer, int status, String messagePart) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(answer.body()).contains("\"error\"").contains(messagePart);
    }

    private static long ledgerRowsOf(DemoAccount account) {
        return Database.count("SELECT count(*) FROM ai_usage WHERE object_id = ?", account.oid());
    }

    private static AzureOpenAiStandIn openAi() {
        return AtriumStack.peers().openAi();
    }

    private HttpResponse<String> post(String bearerToken, String body) {
        return ApiCalls.postJson(atrium().resolve("/api/v1/chat/completions"), bearerToken, body);
    }

    private static String tokenOf(DemoAccount account) {
        return ApiCalls.tokenOf(account);
    }
}
