package io.atrium.ai.internal.usage;

import java.time.LocalDate;
import java.util.List;

import io.atrium.ai.DailyUsage;
import io.atrium.ai.UserUsage;

/** Where calls to Azure OpenAI are recorded and summed up. Writes are short transactions of their own. */
public interface UsageLedger {

    void record(UsageRecord call);

    /** Prompt and completion tokens of one caller on one UTC day. */
    long tokensOn(String tenantId, String objectId, LocalDate day);

    List<DailyUsage> perDay(LocalDate from, LocalDate to);

    List<UserUsage> topUsers(LocalDate from, LocalDate to, int limit);

    List<DailyUsage> perDayOf(String tenantId, String objectId, LocalDate from, LocalDate to);
}
