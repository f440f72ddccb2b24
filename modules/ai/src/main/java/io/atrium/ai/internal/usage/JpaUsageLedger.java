package io.atrium.ai.internal.usage;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

import io.atrium.ai.DailyUsage;
import io.atrium.ai.DeploymentDay;
import io.atrium.ai.FilterFinding;
import io.atrium.ai.OutcomeDay;
import io.atrium.ai.UsageRow;
import io.atrium.ai.UserUsage;

/** The ledger in PostgreSQL ({@code ai_usage}), through the ai module's own persistence unit. */
@ApplicationScoped
public class JpaUsageLedger implements UsageLedger {

    /** Arbitrary, fixed: the first key of the advisory locks that order one caller's quota checks. */
    private static final int QUOTA_LOCK = 0x41_69_51_74;

    @PersistenceContext(unitName = "atrium-ai")
    EntityManager entityManager;

    /** For CDI. */
    public JpaUsageLedger() {
    }

    /** Outside a container, with an entity manager whose transactions the caller runs. */
    public JpaUsageLedger(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** A transaction of its own: called after the HTTP call to Azure has ended, never around it. */
    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void record(UsageRecord call) {
        entityManager.persist(new UsageEntryEntity(call, call.occurredAt().atOffset(ZoneOffset.UTC).toLocalDate()));
    }

    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Reservation reserve(UsageRecord pending, UsageRecord refusal, long dailyQuota) {
        // Native: JPA has no advisory locks. Held until this short transaction commits, one caller at a time.
        entityManager.createNativeQuery("SELECT pg_advisory_xact_lock(?1, ?2)").setParameter(1, QUOTA_LOCK)
                .setParameter(2, (pending.tenantId() + "/" + pending.objectId()).hashCode()).getSingleResult();
        LocalDate day = pending.occurredAt().atOffset(ZoneOffset.UTC).toLocalDate();
        long used = tokensOn(pending.tenantId(), pending.objectId(), day);
        UsageEntryEntity entry = new UsageEntryEntity(used < dailyQuota ? pending : refusal, day);
        entityManager.persist(entry);
        if (used >= dailyQuota) {
            return Reservation.refused(used);
        }
        entityManager.flush();
        return Reservation.held(used, entry.id());
    }

    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void settle(long reservation, UsageRecord call) {
        UsageEntryEntity entry = entityManager.find(UsageEntryEntity.class, reservation);
        if (entry == null) {
            throw new IllegalStateException("no reserved ledger row " + reservation);
        }
        entry.settle(call);
    }

    @Override
    public long tokensOn(String tenantId, String objectId, LocalDate day) {
        Number tokens = entityManager.createNamedQuery("UsageEntry.tokensOfCallerOnDay", Number.class)
                .setParameter("tenantId", tenantId)
                .setParameter("objectId", objectId)
                .setParameter("day", day)
                .getSingleResult();
        return tokens == null ? 0 : tokens.longValue();
    }

    @Override
    public List<DailyUsage> perDay(LocalDate from, LocalDate to) {
        return entityManager.createNamedQuery("UsageEntry.perDay", Object[].class)
                .setParameter("from", from)
                .setParameter("to", to)
                .getResultList().stream().map(JpaUsageLedger::dailyUsage).toList();
    }

    @Override
    public List<DailyUsage> perDayOf(String tenantId, String objectId, LocalDate from, LocalDate to) {
        return entityManager.createNamedQuery("UsageEntry.perDayOfCaller", Object[].class)
                .setParameter("tenantId", tenantId)
                .setParameter("objectId", objectId)
                .setParameter("from", from)
                .setParameter("to", to)
                .getResultList().stream().map(JpaUsageLedger::dailyUsage).toList();
    }

    @Override
    public List<UserUsage> topUsers(LocalDate from, LocalDate to, int limit) {
        return entityManager.createNamedQuery("UsageEntry.topUsers", Object[].class)
                .setParameter("from", from)
                .setParameter("to", to)
                .setMaxResults(limit)
                .getResultList().stream()
                .map(row -> new UserUsage((String) row[0], (String) row[1], number(row[2]), number(row[3]),
                        number(row[4])))
                .toList();
    }

    @Override
    public List<DeploymentDay> perDayAndDeployment(LocalDate from, LocalDate to) {
        return inRange("UsageEntry.perDayAndDeployment", from, to).getResultList().stream()
                .map(row -> new DeploymentDay((LocalDate) row[0], (String) row[1], number(row[2]), number(row[3])))
                .toList();
    }

    @Override
    public List<OutcomeDay> outcomesPerDay(LocalDate from, LocalDate to) {
        return inRange("UsageEntry.outcomesPerDay", from, to).getResultList().stream()
                .map(row -> new OutcomeDay((LocalDate) row[0], (String) row[1], number(row[2])))
                .toList();
    }

    @Override
    public List<FilterFinding> filterFindings(LocalDate from, LocalDate to, int limit) {
        return inRange("UsageEntry.filterFindings", from, to).setMaxResults(limit).getResultList().stream()
                .map(row -> new FilterFinding((Instant) row[0], (String) row[1], (String) row[2], (String) row[3],
                        (String) row[4], (String) row[5]))
                .toList();
    }

    @Override
    public List<UsageRow> rows(LocalDate from, LocalDate to, int first, int count) {
        return inRange("UsageEntry.rows", from, to).setFirstResult(first).setMaxResults(count).getResultList()
                .stream()
                .map(row -> new UsageRow((LocalDate) row[0], (String) row[1], (String) row[2], (String) row[3],
                        (String) row[4], number(row[5]), number(row[6]), number(row[7])))
                .toList();
    }

    private TypedQuery<Object[]> inRange(String query, LocalDate from, LocalDate to) {
        return entityManager.createNamedQuery(query, Object[].class).setParameter("from", from)
                .setParameter("to", to);
    }

    private static DailyUsage dailyUsage(Object[] row) {
        return new DailyUsage((LocalDate) row[0], number(row[1]), number(row[2]), number(row[3]), number(row[4]));
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
