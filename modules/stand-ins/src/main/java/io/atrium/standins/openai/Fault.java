package io.atrium.standins.openai;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

import io.atrium.standins.openai.AzureError.RetryAdvice;

/**
 * A failure the stand-in answers one request with, scripted by a test through
 * {@link AzureOpenAiStandIn#failNext(Fault)}: either an error answer in place of the completion, or the completion
 * delivered badly (late, slowly, cut off, filtered). Bodies, headers and stream shapes are Azure's, so a client sees
 * what it would see from the real service.
 */
public final class Fault {

    /** How Azure's content filter treats the answer. */
    enum Filter {
        NONE,
        /** The answer is blocked as it is generated: {@code finish_reason: content_filter}. */
        COMPLETION,
        /**
         * Asynchronous filter (streaming only): the whole answer is streamed and ends with {@code stop}, then an
         * annotation marks it {@code filtered}.
         */
        COMPLETION_ASYNC
    }

    private final String description;
    private final Function<String, AzureError> error;
    private final Duration firstByteDelay;
    private final Duration betweenEvents;
    private final int cutAfterEvents;
    private final Filter filter;

    private Fault(String description, Function<String, AzureError> error, Duration firstByteDelay,
                  Duration betweenEvents, int cutAfterEvents, Filter filter) {
        this.description = description;
        this.error = error;
        this.firstByteDelay = firstByteDelay;
        this.betweenEvents = betweenEvents;
        this.cutAfterEvents = cutAfterEvents;
        this.filter = filter;
    }

    private static Fault error(String description, Function<String, AzureError> error) {
        return new Fault(description, error, Duration.ZERO, Duration.ZERO, -1, Filter.NONE);
    }

    private static Fault shaped(String description, Duration firstByteDelay, Duration betweenEvents,
                                int cutAfterEvents, Filter filter) {
        return new Fault(description, null, firstByteDelay, betweenEvents, cutAfterEvents, filter);
    }

    /** 429 with {@code Retry-After} (whole seconds, rounded up) and {@code retry-after-ms}. */
    public static Fault rateLimited(Duration retryAfter) {
        return rateLimited(retryAfter, RetryAdvice.BOTH);
    }

    /** 429 with only {@code Retry-After}, in whole seconds rounded up. */
    public static Fault rateLimitedRetryAfterOnly(Duration retryAfter) {
        return rateLimited(retryAfter, RetryAdvice.SECONDS_ONLY);
    }

    /** 429 with only Azure's {@code retry-after-ms}. */
    public static Fault rateLimitedRetryAfterMsOnly(Duration retryAfter) {
        return rateLimited(retryAfter, RetryAdvice.MILLISECONDS_ONLY);
    }

    /** 429 without any retry header. */
    public static Fault rateLimitedWithoutAdvice() {
        return rateLimited(Duration.ofSeconds(1), RetryAdvice.NONE);
    }

    private static Fault rateLimited(Duration retryAfter, RetryAdvice advice) {
        Objects.requireNonNull(retryAfter, "retryAfter");
        return error("429 retry after " + retryAfter + " (" + advice + ")",
                apiVersion -> AzureError.rateLimited(retryAfter, apiVersion, advice));
    }

    /** 500 with the model service's {@code server_error} body. */
    public static Fault internalServerError() {
        return error("500", apiVersion -> AzureError.internalServerError());
    }

    /** 503, as Azure answers while a region or deployment is overloaded or being updated. */
    public static Fault serviceUnavailable() {
        return error("503", apiVersion -> AzureError.serviceUnavailable());
    }

    /** 400 {@code content_filter} with {@code innererror}: the prompt filter blocked the messages. */
    public static Fault promptFiltered() {
        return error("400 prompt filtered", apiVersion -> AzureError.promptFiltered());
    }

    /** The answer, but its headers only after {@code delay}. */
    public static Fault slowFirstByte(Duration delay) {
        return shaped("first byte after " + delay, Objects.requireNonNull(delay, "delay"), Duration.ZERO, -1,
                Filter.NONE);
    }

    /** A streamed answer with a pause of {@code pause} before each event after the first. */
    public static Fault slowEvents(Duration pause) {
        return shaped("events " + pause + " apart", Duration.ZERO, Objects.requireNonNull(pause, "pause"), -1,
                Filter.NONE);
    }

    /** A streamed answer whose connection breaks after {@code events} events, without {@code [DONE]}. */
    public static Fault cutAfter(int events) {
        return shaped("cut after " + events + " events", Duration.ZERO, Duration.ZERO, events, Filter.NONE);
    }

    /** The content filter blocks the answer while it is generated ({@code finish_reason: content_filter}). */
    public static Fault completionFiltered() {
        return shaped("completion filtered", Duration.ZERO, Duration.ZERO, -1, Filter.COMPLETION);
    }

    /** The asynchronous filter flags the streamed answer after its end (a whole answer is filtered as above). */
    public static Fault completionFilteredAsynchronously() {
        return shaped("completion filtered asynchronously", Duration.ZERO, Duration.ZERO, -1,
                Filter.COMPLETION_ASYNC);
    }

    /** The error answer that replaces the completion, or null when the fault shapes the completion instead. */
    AzureError error(String apiVersion) {
        return error == null ? null : error.apply(apiVersion);
    }

    Duration firstByteDelay() {
        return firstByteDelay;
    }

    Duration betweenEvents() {
        return betweenEvents;
    }

    int cutAfterEvents() {
        return cutAfterEvents;
    }

    Filter filter() {
        return filter;
    }

    /** The shape of an answer with no fault at all. */
    static Fault none() {
        return shaped("none", Duration.ZERO, Duration.ZERO, -1, Filter.NONE);
    }

    @Override
    public String toString() {
        return "Fault[" + description + "]";
    }
}
