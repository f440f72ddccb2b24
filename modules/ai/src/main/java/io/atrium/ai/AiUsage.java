package io.atrium.ai;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.atrium.ai.internal.usage.UsageLedger;

/**
 * The usage ledger, read for administrators' pages and APIs: usage per day, the top users, one user's usage. Days
 * are UTC days, both ends included. Whoever calls this decides who may see it (an admin role); the ledger holds no
 * conversation, only counts.
 */
@ApplicationScoped
public class AiUsage {

    /** A longer range is a report, not a page: refused rather than read for minutes. */
    public static final int MAX_DAYS = 366;
    public static final int MAX_TOP_USERS = 100;
    public static final int MAX_FILTER_FINDINGS = 1000;
    private static final int EXPORT_CHUNK = 5000;

    private final UsageLedger ledger;

    @Inject
    public AiUsage(UsageLedger ledger) {
        this.ledger = ledger;
    }

    /** For CDI's proxy. */
    protected AiUsage() {
        this(null);
    }

    /** Every day of the range that had a call, oldest first. */
    public List<DailyUsage> perDay(LocalDate from, LocalDate to) {
        requireRange(from, to);
        return ledger.perDay(from, to);
    }

    /** The callers who used the most tokens in the range, most first, at most {@code limit} (1-100). */
    public List<UserUsage> topUsers(LocalDate from, LocalDate to, int limit) {
        requireRange(from, to);
        if (limit < 1 || limit > MAX_TOP_USERS) {
            throw new IllegalArgumentException("The number of top users must be between 1 and " + MAX_TOP_USERS
                    + ", not " + limit);
        }
        return ledger.topUsers(from, to, limit);
    }

    /** One caller's days with calls in the range, oldest first. */
    public List<DailyUsage> perDayOf(String tenantId, String objectId, LocalDate from, LocalDate to) {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(objectId, "objectId");
        requireRange(from, to);
        return ledger.perDayOf(tenantId, objectId, from, to);
    }

    /** Every deployment's use on every day of the range that had a call, by day then deployment. */
    public List<DeploymentDay> perDayAndDeployment(LocalDate from, LocalDate to) {
        requireRange(from, to);
        return ledger.perDayAndDeployment(from, to);
    }

    /** How the calls of each day of the range ended (answered, refused by the quota, filtered, failed ...). */
    public List<OutcomeDay> outcomesPerDay(LocalDate from, LocalDate to) {
        requireRange(from, to);
        return ledger.outcomesPerDay(from, to);
    }

    /**
     * The calls of the range in which Azure's content filter found something, newest first, at most {@code limit}
     * (1-1000). Who may see who had their words filtered is narrower than who may see usage: the caller decides
     * (Atrium's pages: the {@code auditor} role).
     */
    public List<FilterFinding> filterFindings(LocalDate from, LocalDate to, int limit) {
        requireRange(from, to);
        if (limit < 1 || limit > MAX_FILTER_FINDINGS) {
            throw new IllegalArgumentException("The number of findings must be between 1 and " + MAX_FILTER_FINDINGS
                    + ", not " + limit);
        }
        return ledger.filterFindings(from, to, limit);
    }

    /**
     * The ledger summed per day, caller, deployment and outcome, for an export: handed to {@code rows} a chunk at a
     * time, so that a year of a bank's usage needs no more memory than a day of it.
     */
    public void rows(LocalDate from, LocalDate to, Consumer<UsageRow> rows) {
        requireRange(from, to);
        Objects.requireNonNull(rows, "rows");
        for (int first = 0; ; first += EXPORT_CHUNK) {
            List<UsageRow> chunk = ledger.rows(from, to, first, EXPORT_CHUNK);
            chunk.forEach(rows);
            if (chunk.size() < EXPORT_CHUNK) {
                return;
            }
        }
    }

    private static void requireRange(LocalDate from, LocalDate to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("The range must start (" + from + ") on or before its end (" + to + ")");
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            throw new IllegalArgumentException("The range may span at most " + MAX_DAYS + " days, not "
                    + (ChronoUnit.DAYS.between(from, to) + 1));
        }
    }
}
