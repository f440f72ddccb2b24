package io.atrium.ai.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class SseEventsTest {

    @Test
    void each_event_ends_at_an_empty_line_and_one_space_after_the_colon_is_dropped() {
        assertThat(events("data: {\"a\":1}", "", "data:{\"b\":2}", "", "data:  two spaces", ""))
                .containsExactly("{\"a\":1}", "{\"b\":2}", " two spaces");
    }

    @Test
    void data_lines_of_one_event_are_joined_and_comments_and_other_fields_are_ignored() {
        assertThat(events(": keep-alive", "event: message", "id: 7", "data: first", "data: second", "retry: 10", ""))
                .containsExactly("first\nsecond");
    }

    @Test
    void carriage_returns_and_empty_events_do_not_make_events() {
        assertThat(events("data: x\r", "\r", "", "", "event: ping", "")).containsExactly("x");
    }

    @Test
    void an_event_cut_off_before_its_empty_line_is_kept_at_the_end() {
        SseEvents events = new SseEvents();
        assertThat(events.line("data: [DONE]")).isEmpty();

        assertThat(events.end()).hasValue("[DONE]");
        assertThat(events.end()).isEmpty();
    }

    private static List<String> events(String... lines) {
        SseEvents events = new SseEvents();
        List<String> data = new ArrayList<>();
        for (String line : lines) {
            events.line(line).ifPresent(data::add);
        }
        events.end().ifPresent(data::add);
        return data;
    }
}
