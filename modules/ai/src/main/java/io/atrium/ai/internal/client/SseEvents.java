package io.atrium.ai.internal.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Cuts a {@code text/event-stream} into the {@code data} of its events, line by line as the lines arrive (WHATWG
 * HTML, "Interpreting an event stream"): an event ends at an empty line, several {@code data:} lines of one event are
 * joined with a line feed, one space after the colon is dropped, comments ({@code :...}) and the other fields
 * ({@code event}, {@code id}, {@code retry}) are ignored, since Azure names no events. Not thread-safe: one per stream.
 */
final class SseEvents {

    private final List<String> data = new ArrayList<>();

    /**
     * Takes the next line (without its line ending; a stray carriage return is dropped).
     *
     * @return the data of the event this line ends, if it ends one that had data
     */
    Optional<String> line(String line) {
        String text = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        if (text.isEmpty()) {
            return flush();
        }
        if (text.startsWith(":")) {
            return Optional.empty();
        }
        int colon = text.indexOf(':');
        String field = colon < 0 ? text : text.substring(0, colon);
        if (field.equals("data")) {
            String value = colon < 0 ? "" : text.substring(colon + 1);
            data.add(value.startsWith(" ") ? value.substring(1) : value);
        }
        return Optional.empty();
    }

    /**
     * The data of an event the stream ended in without its closing empty line. The specification drops it; Atrium
     * keeps it, because a proxy that cuts the last line feed must not lose Azure's {@code [DONE]}.
     */
    Optional<String> end() {
        return flush();
    }

    private Optional<String> flush() {
        if (data.isEmpty()) {
            return Optional.empty();
        }
        String event = String.join("\n", data);
        data.clear();
        return Optional.of(event);
    }
}
