package io.atrium.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** Reading a streamed chat off the wire, with a clock that ticks once per reading so times show where they were taken. */
class StreamingChatTest {

    private static final String FILTER = "{\"choices\":[],\"prompt_filter_results\":[{\"prompt_index\":0}]}";
    private static final String ROLE = "{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}";
    private static final String WORD = "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Echo:\"}}]}";
    private static final String USAGE = "{\"choices\":[],\"usage\":{\"total_tokens\":9}}";

    @Test
    void the_first_token_is_the_first_event_with_text_not_the_filter_or_role_chunks() {
        assertThat(StreamingChat.isContent(FILTER)).isFalse();
        assertThat(StreamingChat.isContent(ROLE)).isFalse();
        assertThat(StreamingChat.isContent(USAGE)).isFalse();
        assertThat(StreamingChat.isContent("not json")).isFalse();
        assertThat(StreamingChat.isContent(WORD)).isTrue();
    }

    @Test
    void a_chunked_event_stream_is_timed_to_its_first_token_and_ends_at_done() throws Exception {
        String events = "data: " + FILTER + "\n\ndata: " + ROLE + "\n\ndata: " + WORD + "\n\ndata: [DONE]\n\n";
        // Chunks cut through the middle of events, as a server flushing its own buffers does.
        String wire = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
                + chunked(events, 7) + "0\r\n\r\n";
        InputStream in = stream(wire + "HTTP/1.1 next answer");
        AtomicLong clock = new AtomicLong(100);

        StreamingChat.Answer answer = StreamingChat.read(in, 100, clock::incrementAndGet);

        assertThat(answer.outcome().error()).isNull();
        assertThat(answer.outcome().ok()).isTrue();
        assertThat(answer.outcome().firstTokenNanos()).isEqualTo(1);
        assertThat(answer.outcome().totalNanos()).isEqualTo(2);
        assertThat(answer.keepAlive()).isTrue();
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("HTTP/1.1 next answer");
    }

    @Test
    void an_error_status_is_an_error_with_the_start_of_its_body_and_the_connection_kept_by_length() throws Exception {
        String body = "{\"error\":{\"message\":\"quota used up\",\"code\":\"429\"}}";
        String wire = "HTTP/1.1 429 Too Many Requests\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;

        StreamingChat.Answer answer = StreamingChat.read(stream(wire), 0, () -> 5);

        assertThat(answer.outcome().ok()).isFalse();
        assertThat(answer.outcome().error()).startsWith("HTTP 429").contains("quota used up");
        assertThat(answer.keepAlive()).isTrue();
    }

    @Test
    void an_error_event_or_a_stream_without_done_is_an_error() throws Exception {
        String failed = "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\ndata: " + WORD
                + "\n\ndata: {\"error\":{\"message\":\"cut\"}}\n\ndata: [DONE]\n\n";
        String cut = "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\ndata: " + WORD + "\n\n";

        StreamingChat.Answer errorEvent = StreamingChat.read(stream(failed), 0, () -> 1);
        StreamingChat.Answer noDone = StreamingChat.read(stream(cut), 0, () -> 1);

        assertThat(errorEvent.outcome().error()).startsWith("error event");
        assertThat(errorEvent.keepAlive()).isFalse();
        assertThat(noDone.outcome().error()).contains("without [DONE]");
    }

    @Test
    void a_connection_ending_inside_a_chunk_fails_the_read() {
        String wire = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n40\r\ndata: {";

        assertThatThrownBy(() -> StreamingChat.read(stream(wire), 0, () -> 1)).isInstanceOf(EOFException.class);
    }

    @Test
    void chunk_extensions_and_trailers_are_skipped() throws IOException {
        String wire = "5;name=value\r\nhello\r\n1\r\n!\r\n0\r\nExpires: never\r\n\r\nrest";
        InputStream in = stream(wire);

        assertThat(new String(new ChunkedBody(in).readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("hello!");
        assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("rest");
    }

    private static String chunked(String body, int size) {
        StringBuilder wire = new StringBuilder();
        for (int at = 0; at < body.length(); at += size) {
            String chunk = body.substring(at, Math.min(body.length(), at + size));
            wire.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }
        return wire.toString();
    }

    private static InputStream stream(String wire) {
        return new ByteArrayInputStream(wire.getBytes(StandardCharsets.UTF_8));
    }
}
