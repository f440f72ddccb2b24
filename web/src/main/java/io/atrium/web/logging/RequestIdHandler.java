package io.atrium.web.logging;

import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

/**
 * Stands in front of one of the JVM's log handlers and hands it each record with the request id of the thread that
 * logged it. The id is read here, on the logging thread, because Payara's file handler formats on a thread of its own.
 * In JSON mode the whole line is written here, and the handler behind prints it as it is.
 */
final class RequestIdHandler extends Handler {

    /** Only for its {@code formatMessage}: a record's message may be a resource-bundle key with parameters. */
    private static final Formatter MESSAGES = new PreformattedLines();

    private final Handler target;
    private final Formatter targetFormatter;
    private final JsonLines json;

    private RequestIdHandler(Handler target, JsonLines json) {
        this.target = target;
        this.targetFormatter = target.getFormatter();
        this.json = json;
    }

    static RequestIdHandler text(Handler target) {
        return new RequestIdHandler(target, null);
    }

    static RequestIdHandler json(Handler target) {
        RequestIdHandler handler = new RequestIdHandler(target, new JsonLines());
        target.setFormatter(new PreformattedLines());
        return handler;
    }

    Handler target() {
        return target;
    }

    /** Gives the handler behind its own formatter back. */
    void restoreTarget() {
        target.setFormatter(targetFormatter);
    }

    @Override
    public void publish(LogRecord record) {
        if (record == null || !target.isLoggable(record)) {
            return;
        }
        String requestId = RequestId.current();
        if (json != null) {
            target.publish(copy(record, json.format(record, requestId), null));
        } else if (requestId != null) {
            target.publish(copy(record, "request=" + requestId + " " + MESSAGES.formatMessage(record),
                    record.getThrown()));
        } else {
            target.publish(record);
        }
    }

    /** The record with its message already resolved, so the handler behind needs neither parameters nor bundle. */
    private static LogRecord copy(LogRecord record, String message, Throwable thrown) {
        LogRecord copy = new LogRecord(record.getLevel(), message);
        copy.setThrown(thrown);
        copy.setLoggerName(record.getLoggerName());
        copy.setInstant(record.getInstant());
        copy.setSequenceNumber(record.getSequenceNumber());
        copy.setSourceClassName(record.getSourceClassName());
        copy.setSourceMethodName(record.getSourceMethodName());
        copy.setLongThreadID(record.getLongThreadID());
        return copy;
    }

    @Override
    public void flush() {
        target.flush();
    }

    @Override
    public void close() {
        target.close();
    }
}
