package io.atrium.web.logging;

import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/** Prints a record whose message is already the whole line (a JSON object), and nothing else. */
final class PreformattedLines extends Formatter {

    @Override
    public String format(LogRecord record) {
        return record.getMessage() + System.lineSeparator();
    }
}
