package io.atrium.ai.internal.usage;

import java.time.LocalDate;
import java.util.List;

import io.atrium.ai.DailyUsage;
import io.atrium.ai.DeploymentDay;
import io.atrium.ai.FilterFinding;
import io.atrium.ai.OutcomeDay;
import io.atrium.ai.UsageRow;
import io.atrium.ai.UserUsage;

/** Where calls to Azure OpenAI are recorded and summed up. Writes are short transactions of their own. */
public interface UsageLedger {

    void record(UsageRecord call);

    /**
     * The quota check and the call's place in the ledger as one step, so that parallel calls cannot walk past a
     * quota together: under a lock per caller, their tokens today and, below {@code dailyQuota}, {@code pending} (a
     * {@code reserved} row with the prompt's estimated tokens) recorded; at or above it, {@code refusal} instead.
     */
    Reservation reserve(UsageRecord pending, UsageRecord refusal, long dailyQuota);

    /** The reserved row takes the call's outcome and real tokens. */
    void settle(long reservation, UsageRecord call);

    /** Prompt and completion tokens of one caller on one UTC day. */
    long tokensOn(String tenantId, String objectId, LocalDate day);

    List<DailyUsage> perDay(LocalDate from, LocalDate to);

    List<UserUsage> topUsers(LocalDate from, LocalDate to, int limit);

    List<DailyUsage> perDayOf(String tenantId, String objectId, LocalDate from, LocalDate to);

    List<DeploymentDay> perDayAndDeployment(LocalDate from, LocalDate to);

    List<OutcomeDay> outcomesPerDay(LocalDate from, LocalDate to);

    /** The newest first, at most {@code limit}. */
    List<FilterFinding> filterFindings(LocalDate from, LocalDate to, int limit);

    /** Rows {@code first} to {@code first + count - 1} of the export, in its order. */
    List<UsageRow> rows(LocalDate from, LocalDate to, int first, int count);
}
