package io.atrium.ai;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

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
