package io.atrium.ai.events;

import java.time.Duration;
import java.util.OptionalInt;

/**
 * A call to Azure OpenAI has ended, answered or not, and is in the usage ledger (or its recording was attempted).
 * Fired synchronously after each call, outside any transaction; calls the daily quota refused before sending anything
 * are not calls and fire nothing. Carries no content, no caller's token.
 *
 * @param outcome        as the ledger records it: {@code answered}, {@code cancelled}, {@code rate_limited}, ...
 * @param upstreamStatus Azure's HTTP status when it answered with an error; empty for an answer or no answer at all
 */
public record AiCallEnded(String deployment, String outcome, OptionalInt upstreamStatus, Duration duration,
                          int promptTokens, int completionTokens) {

    /** Whether Azure OpenAI gave an answer (whole, or stopped by the caller). */
    public boolean answered() {
        return "answered".equals(outcome) || "cancelled".equals(outcome);
    }
}
