package io.atrium.audit.internal.chain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import jakarta.transaction.Transactional;

import io.atrium.audit.Actor;
import io.atrium.audit.AdminActionLog;
import io.atrium.audit.AdminActionQuery;
import io.atrium.audit.AdminActionView;
import io.atrium.audit.ChainVerification;
import io.atrium.audit.internal.persistence.AuditUnit;
import io.atrium.audit.internal.persistence.Like;

@ApplicationScoped
public class JpaAdminActionLog implements AdminActionLog {

    /** Rows read per round trip while verifying: memory stays flat however long the log grows. */
    private static final int VERIFY_BATCH = 1000;

    private final EntityManager entityManager;
    private final ActionSeal seal;
    private final AdminActionChain chain;

    @Inject
    public JpaAdminActionLog(@AuditUnit EntityManager entityManager, ActionSeal seal, AdminActionChain chain) {
        this.entityManager = entityManager;
        this.seal = seal;
        this.chain = chain;
    }

    /** For CDI's proxy. */
    protected JpaAdminActionLog() {
        this(null, null, null);
    }

    @Override
    @Transactional
    public void record(Actor actor, String action, UUID targetUserId, String target, String before, String after,
                       String reason) {
        chain.append(actor, action, targetUserId, target, before, after, ActionReason.checked(reason));
    }

    @Override
    public List<AdminActionView> search(AdminActionQuery query) {
        CriteriaBuilder cb = entityManager.getCriteriaBuilder();
        CriteriaQuery<AdminActionEntity> search = cb.createQuery(AdminActionEntity.class);
        Root<AdminActionEntity> a = search.from(AdminActionEntity.class);
        List<Predicate> filters = new ArrayList<>();
        if (query.actor() != null && !query.actor().isBlank()) {
            filters.add(cb.like(cb.lower(a.get("actor")), Like.containing(query.actor()), Like.ESCAPE));
        }
        if (query.action() != null && !query.action().isBlank()) {
            filters.add(cb.equal(a.get("action"), query.action().strip()));
        }
        if (query.targetUserId() != null) {
            filters.add(cb.equal(a.get("targetUserId"), query.targetUserId()));
        }
        if (query.from() != null) {
            filters.add(cb.greaterThanOrEqualTo(a.get("occurredAt"), query.from()));
        }
        if (query.before() != null) {
            filters.add(cb.lessThan(a.get("occurredAt"), query.before()));
        }
        search.where(filters.toArray(Predicate[]::new)).orderBy(cb.desc(a.get("seq")));
        return entityManager.createQuery(search)
                .setFirstResult(query.offset())
                .setMaxResults(query.limit())
                .getResultList().stream().map(AdminActionEntity::view).toList();
    }

    @Override
    public ChainVerification verify() {
        String previousHash = ActionHash.GENESIS;
        long expectedSeq = 1;
        long checked = 0;
        while (true) {
            List<AdminActionEntity> rows = entityManager.createNamedQuery("AdminAction.findFromSeq",
                            AdminActionEntity.class)
                    .setParameter("seq", expectedSeq)
                    .setMaxResults(VERIFY_BATCH)
                    .getResultList();
            for (AdminActionEntity row : rows) {
                AdminActionView entry = row.view();
                if (entry.seq() != expectedSeq) {
                    return new ChainVerification(checked, expectedSeq, "entry " + expectedSeq + " is missing");
                }
                if (!previousHash.equals(row.previousHash())) {
                    return new ChainVerification(checked, entry.seq(), "entry " + entry.seq()
                            + " does not link to the entry before it");
                }
                String text = ActionHash.text(previousHash, entry.seq(), entry.occurredAt(), entry.actor(),
                        entry.action(), entry.targetUserId(), entry.target(), entry.before(), entry.after(),
                        entry.reason());
                Optional<String> problem = seal.problemWith(entry, text);
                if (problem.isPresent()) {
                    return new ChainVerification(checked, entry.seq(), problem.get());
                }
                previousHash = entry.hash();
                expectedSeq++;
                checked++;
            }
            if (rows.size() < VERIFY_BATCH) {
                return new ChainVerification(checked, null, null);
            }
            entityManager.clear();
        }
    }
}
