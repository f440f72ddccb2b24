package io.atrium.ai.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import org.junit.jupiter.api.Test;

import io.atrium.ai.AiUnavailableException;
import io.atrium.ai.AiUnavailableException.Kind;
import io.atrium.ai.ChatReply;
import io.atrium.standins.SharedFixtures;

/**
 * Every streamed Azure OpenAI answer in {@code shared/fixtures/azure-openai} replayed line by line through the SSE
 * reader and the completion assembler, as the client reads them off the wire.
 */
class StreamedCompletionFixturesTest {

    private static final String SK = "azure-openai/semantic-kernel-testdata/";

    @Test
    void recorded_stream_gives_the_text_usage_and_prompt_filter_results() {
        Replay replay = replay(recordedStream("net/ChatTests/ChatCompletionStreaming.json"));
        ChatReply reply = replay.completion.reply("gpt-4o");

        assertThat(reply.content()).startsWith("Ah").endsWith("day?").isEqualTo(String.join("", replay.deltas));
        assertThat(replay.deltas).hasSizeGreaterThan(10).doesNotContain("");
        assertThat(reply.finishReason()).isEqualTo("stop");
        assertThat(reply.promptTokens()).isEqualTo(22);
        assertThat(reply.completionTokens()).isEqualTo(28);
        assertThat(reply.model()).isEqualTo("gpt-4o-2024-08-06");
        assertThat(replay.completion.id()).isEqualTo("chatcmpl-Aau7xzmYfJIyXvEuPJF4LUW9PUfOW");
        assertThat(reply.filters().prompt()).as("all safe, jailbreak not detected").isEmpty();
        assertThat(reply.filters().completion()).isEmpty();
    }

    @Test
    void asynchronous_filter_annotations_after_the_finish_reason_are_read_and_add_no_text() {
        Replay replay = replay(fixture(SK + "chat_completion_streaming_async_filter_response.txt"));
        ChatReply reply = replay.completion.reply("gpt-4o");

        assertThat(reply.content()).isEqualTo("Kindness");
        assertThat(replay.deltas).containsExactly("Kindness");
        assertThat(reply.finishReason()).isEqualTo("stop");
        assertThat(reply.filters().completionFiltered()).isFalse();
    }

    @Test
    void asynchronous_filter_that_flags_the_answer_after_the_end_makes_it_content_filtered() {
        String recorded = fixture(SK + "chat_completion_streaming_async_filter_response.txt");
        int annotations = recorded.indexOf("content_filter_offsets");
        String flagged = recorded.substring(0, annotations) + recorded.substring(annotations).replaceFirst(
                "\"violence\":\\{\"filtered\":false,\"severity\":\"safe\"}",
                "\"violence\":{\"filtered\":true,\"severity\":\"high\"}");
        Replay replay = replay(flagged);

        AiUnavailableException e = catchThrowableOfType(AiUnavailableException.class,
                () -> replay.completion.reply("gpt-4o"));

        assertThat(e.kind()).isEqualTo(Kind.CONTENT_FILTERED);
        assertThat(replay.completion.findings().completion()).containsEntry("violence", "filtered:high");
    }

    @Test
    void semantic_kernels_streams_give_their_text_and_finish_reason() {
        assertThat(reply(SK + "chat_completion_streaming_test_response.txt").content())
                .isEqualTo("Test chat streaming response");
        ChatReply tools = reply(SK + "chat_completion_streaming_multiple_function_calls_test_response.txt");
        assertThat(tools.content()).isEqualTo("Test chat streaming response".repeat(4));
        assertThat(tools.finishReason()).isEqualTo("tool_calls");
        ChatReply toolsAsync = reply(SK
                + "chat_completion_streaming_multiple_function_calls_test_async_filter_response.txt");
        assertThat(toolsAsync.finishReason()).isEqualTo("tool_calls");
        assertThat(reply(SK + "chat_completion_streaming_single_function_call_test_response.txt").content())
                .isEqualTo("Test chat streaming response");
        ChatReply empty = reply(SK + "chat_completion_streaming_single_function_call_empty_assistance_response.txt");
        assertThat(empty.content()).isEmpty();
        assertThat(empty.finishReason()).isEqualTo("tool_calls");
        assertThat(reply(SK + "filters_streaming_multiple_function_calls_test_response.txt").finishReason())
                .isEqualTo("tool_calls");
    }

    @Test
    void streams_of_other_operations_carry_no_chat_text() {
        // Legacy completions (choices[].text) and "on your data" (choices[].messages[]) are operations Atrium never
        // calls; their streams must not break the reader, and give no chat delta.
        Replay completions = replay(fixture(SK + "text_completion_streaming_test_response.txt"));
        assertThat(completions.deltas).isEmpty();
        assertThat(completions.completion.done()).isTrue();
        Replay withData = replay(fixture(SK + "chat_completion_with_data_streaming_test_response.txt"));
        assertThat(withData.deltas).isEmpty();
    }

    @Test
    void finish_reason_content_filter_is_content_filtered_with_what_arrived_kept_for_the_ledger() {
        String stream = "data: {\"choices\":[],\"created\":0,\"id\":\"\",\"model\":\"\",\"object\":\"\","
                + "\"prompt_filter_results\":[{\"prompt_index\":0,\"content_filter_results\":{\"jailbreak\":"
                + "{\"filtered\":false,\"detected\":true}}}]}\n\n"
                + "data: {\"choices\":[{\"delta\":{\"content\":\"Here is how\"},\"finish_reason\":null,\"index\":0}],"
                + "\"id\":\"c1\",\"model\":\"gpt-4o\"}\n\n"
                + "data: {\"choices\":[{\"content_filter_results\":{\"violence\":{\"filtered\":true,\"severity\":"
                + "\"medium\"}},\"delta\":{},\"finish_reason\":\"content_filter\",\"index\":0}],\"id\":\"c1\"}\n\n"
                + "data: [DONE]\n\n";
        Replay replay = replay(stream);

        AiUnavailableException e = catchThrowableOfType(AiUnavailableException.class,
                () -> replay.completion.reply("gpt-4o"));

        assertThat(e.kind()).isEqualTo(Kind.CONTENT_FILTERED);
        assertThat(e.getMessage()).contains("violence=filtered", "jailbreak=detected", "c1");
        assertThat(replay.completion.content()).isEqualTo("Here is how");
    }

    @Test
    void an_error_event_inside_the_stream_is_a_failure_not_text() {
        StreamedCompletion completion = new StreamedCompletion();
        completion.accept("{\"choices\":[{\"delta\":{\"content\":\"Hi\"},\"index\":0}]}");

        AiUnavailableException e = catchThrowableOfType(AiUnavailableException.class, () -> completion.accept(
                "{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\",\"code\":null}}"));

        assertThat(e.kind()).isEqualTo(Kind.UPSTREAM_ERROR);
        assertThat(e.getMessage()).contains("The server had an error");
    }

    @Test
    void a_stream_that_ends_without_done_is_cut_short() {
        Replay replay = replay("data: {\"choices\":[{\"delta\":{\"content\":\"Hal\"},\"index\":0}]}\n\n");

        AiUnavailableException e = catchThrowableOfType(AiUnavailableException.class,
                () -> replay.completion.reply("gpt-4o"));

        assertThat(e.kind()).isEqualTo(Kind.UPSTREAM_ERROR);
        assertThat(e.getMessage()).contains("before [DONE]");
    }

    @Test
    void an_event_that_is_not_json_is_an_upstream_error() {
        AiUnavailableException e = catchThrowableOfType(AiUnavailableException.class,
                () -> new StreamedCompletion().accept("<html>Bad gateway</html>"));

        assertThat(e.kind()).isEqualTo(Kind.UPSTREAM_ERROR);
    }

    private static ChatReply reply(String fixture) {
        return replay(fixture(fixture)).completion.reply("gpt-4o");
    }

    /** The stream's text cut into lines as the JDK client hands them over, fed through the reader. */
    private static Replay replay(String stream) {
        Replay replay = new Replay();
        SseEvents events = new SseEvents();
        for (String line : stream.split("\r\n|\r|\n", -1)) {
            events.line(line).flatMap(replay.completion::accept).ifPresent(replay.deltas::add);
        }
        events.end().flatMap(replay.completion::accept).ifPresent(replay.deltas::add);
        return replay;
    }

    private static String recordedStream(String recording) {
        JsonObject entry = Fixtures.json("azure-openai/recordings/" + recording).getJsonArray("Entries")
                .getJsonObject(0);
        JsonArray body = entry.getJsonArray("ResponseBody");
        StringBuilder stream = new StringBuilder();
        body.getValuesAs(JsonString.class).forEach(piece -> stream.append(piece.getString()));
        return stream.toString();
    }

    private static String fixture(String relativePath) {
        try {
            return Files.readString(SharedFixtures.file(relativePath), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static final class Replay {
        final StreamedCompletion completion = new StreamedCompletion();
        final List<String> deltas = new ArrayList<>();
    }
}
