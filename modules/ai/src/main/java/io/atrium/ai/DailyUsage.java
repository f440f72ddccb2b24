package io.atrium.ai;

import java.time.LocalDate;

/**
 * The assistant's use on one UTC day: calls (answered or not), the tokens Azure counted, and how many employees
 * called.
 */
public record DailyUsage(LocalDate day, long calls, long promptTokens, long completionTokens, long users) {

    public long totalTokens() {
        return promptTokens + completionTokens;
    }
}
