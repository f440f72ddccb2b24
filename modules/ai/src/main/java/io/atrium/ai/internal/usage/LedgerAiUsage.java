package io.atrium.ai.internal.usage;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.atrium.ai.AiUsage;
import io.atrium.ai.DailyUsage;
import io.atrium.ai.DeploymentDay;
import io.atrium.ai.FilterFinding;
import io.atrium.ai.OutcomeDay;
import io.atrium.ai.UsageRow;
import io.atrium.ai.UserUsage;

/** {@link AiUsage} read from the {@link UsageLedger}, with the ranges and limits checked first. */
@ApplicationScoped
public class LedgerAiUsage implements AiUsage {

    private static final int EXPORT_CHUNK = 5000;

    private final UsageLedger ledger;

    @Inject
    public LedgerAiUsage(UsageLedger ledger) {
        this.ledger = ledger;
    }

    /** For CDI's proxy. */
    protected LedgerAiUsage() {
        this(null);
    }

    @Override
    public List<DailyUsage> perDay(LocalDate from, LocalDate to) {
        requireRange(from, to);
        return ledger.perDay(from, to);
    }

    @Override
    public List<UserUsage> topUsers(LocalDate from, LocalDate to, int limit) {
        requireRange(from, to);
        requireLimit("top users", limit, MAX_TOP_USERS);
        return ledger.topUsers(from, to, limit);
    }

    @Override
    public List<DailyUsage> perDayOf(String tenantId, String objectId, LocalDate from, LocalDate to) {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(objectId, "objectId");
        requireRange(from, to);
        return ledger.perDayOf(tenantId, objectId, from, to);
    }

    @Override
    public List<DeploymentDay> perDayAndDeployment(LocalDate from, LocalDate to) {
        requireRange(from, to);
        return ledger.perDayAndDeployment(from, to);
    }

    @Override
    public List<OutcomeDay> outcomesPerDay(LocalDate from, LocalDate to) {
        requireRange(from, to);
        return ledger.outcomesPerDay(from, to);
    }

    @Override
    public List<FilterFinding> filterFindings(LocalDate from, LocalDate to, int limit) {
        requireRange(from, to);
        requireLimit("findings", limit, MAX_FILTER_FINDINGS);
        return ledger.filterFindings(from, to, limit);
    }

    @Override
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

    private static void requireLimit(String what, int limit, int max) {
        if (limit < 1 || limit > max) {
            throw new IllegalArgumentException("The number of " + what + " must be between 1 and " + max + ", not "
                    + limit);
        }
    }
}
