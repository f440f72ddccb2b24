package io.atrium.web.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

import jakarta.json.JsonObjectBuilder;

import static io.atrium.web.JsonProviders.JSON;

/** One JSON object per log record, on one line, for log collectors that parse rather than grep. */
final class JsonLines extends Formatter {

    @Override
    public String format(LogRecord record) {
        return format(record, RequestId.current());
    }

    String format(LogRecord record, String requestId) {
        JsonObjectBuilder line = JSON.createObjectBuilder()
                .add("time", record.getInstant().toString())
                .add("level", record.getLevel().getName())
                .add("logger", String.valueOf(record.getLoggerName()))
                .add("thread", Thread.currentThread().getName());
        if (requestId != null) {
            line.add("requestId", requestId);
        }
        line.add("message", String.valueOf(formatMessage(record)));
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.add("exception", trace.toString());
        }
        return line.build().toString();
    }
}
