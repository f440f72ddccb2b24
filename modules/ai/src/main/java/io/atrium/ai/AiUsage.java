package io.atrium.ai;

import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;

/**
 * The usage ledger, read for administrators' pages and APIs: usage per day, the top users, one user's usage. Days
 * are UTC days, both ends included. Whoever calls this decides who may see it (an admin role); the ledger holds no
 * conversation, only counts.
 */
public interface AiUsage {

    /** A longer range is a report, not a page: refused rather than read for minutes. */
    int MAX_DAYS = 366;
    int MAX_TOP_USERS = 100;
    int MAX_FILTER_FINDINGS = 1000;

    /** Every day of the range that had a call, oldest first. */
    List<DailyUsage> perDay(LocalDate from, LocalDate to);

    /** The callers who used the most tokens in the range, most first, at most {@code limit} (1-100). */
    List<UserUsage> topUsers(LocalDate from, LocalDate to, int limit);

    /** One caller's days with calls in the range, oldest first. */
    List<DailyUsage> perDayOf(String tenantId, String objectId, LocalDate from, LocalDate to);

    /** Every deployment's use on every day of the range that had a call, by day then deployment. */
    List<DeploymentDay> perDayAndDeployment(LocalDate from, LocalDate to);

    /** How the calls of each day of the range ended (answered, refused by the quota, filtered, failed ...). */
    List<OutcomeDay> outcomesPerDay(LocalDate from, LocalDate to);

    /**
     * The calls of the range in which Azure's content filter found something, newest first, at most {@code limit}
     * (1-1000). Who may see who had their words filtered is narrower than who may see usage: the caller decides
     * (Atrium's pages: the {@code auditor} role).
     */
    List<FilterFinding> filterFindings(LocalDate from, LocalDate to, int limit);

    /**
     * The ledger summed per day, caller, deployment and outcome, for an export: handed to {@code rows} a chunk at a
     * time, so that a year of a bank's usage needs no more memory than a day of it.
     */
    void rows(LocalDate from, LocalDate to, Consumer<UsageRow> rows);
}
