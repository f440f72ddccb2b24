package io.atrium.audit.internal.chain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import io.atrium.audit.Actor;
import io.atrium.audit.AdminActionLog;
import io.atrium.audit.AdminActionQuery;
import io.atrium.audit.AdminActionView;
import io.atrium.audit.ChainVerification;
import io.atrium.audit.internal.persistence.Sql;

@ApplicationScoped
public class JpaAdminActionLog implements AdminActionLog {

    /** Rows read per round trip while verifying: memory stays flat however long the log grows. */
    private static final int VERIFY_BATCH = 1000;
    private static final String COLUMNS = "SELECT seq, occurred_at, actor, action, target_user_id, target, "
            + "before_state, after_state, reason, previous_hash, hash FROM admin_action";

    @PersistenceContext(unitName = "atrium-audit")
    EntityManager entityManager;

    @Inject
    ActionSeal seal;

    @Inject
    AdminActionChain chain;

    @Override
    @Transactional
    public void record(Actor actor, String action, UUID targetUserId, String target, String before, String after,
                       String reason) {
        chain.append(actor, action, targetUserId, target, before, after, ActionReason.checked(reason));
    }

    @Override
    public List<AdminActionView> search(AdminActionQuery query) {
        List<Object> parameters = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE TRUE");
        if (query.actor() != null && !query.actor().isBlank()) {
            parameters.add(Sql.containing(query.actor().strip()));
            where.append(" AND lower(actor) LIKE ?").append(parameters.size());
        }
        if (query.action() != null && !query.action().isBlank()) {
            parameters.add(query.action().strip());
            where.append(" AND action = ?").append(parameters.size());
        }
        if (query.targetUserId() != null) {
            parameters.add(query.targetUserId().toString());
            where.append(" AND target_user_id = CAST(?").append(parameters.size()).append(" AS uuid)");
        }
        if (query.from() != null) {
            parameters.add(query.from());
            where.append(" AND occurred_at >= ?").append(parameters.size());
        }
        if (query.before() != null) {
            parameters.add(query.before());
            where.append(" AND occurred_at < ?").append(parameters.size());
        }
        return Sql.rows(Sql.query(entityManager, COLUMNS + where + " ORDER BY seq DESC OFFSET " + query.offset()
                + " LIMIT " + query.limit(), parameters)).stream().map(JpaAdminActionLog::view).toList();
    }

    @Override
    public ChainVerification verify() {
        String previousHash = ActionHash.GENESIS;
        long expectedSeq = 1;
        long checked = 0;
        while (true) {
            List<Object[]> rows = Sql.rows(Sql.query(entityManager, COLUMNS + " WHERE seq >= ?1 ORDER BY seq LIMIT "
                    + VERIFY_BATCH, expectedSeq));
            for (Object[] row : rows) {
                AdminActionView entry = view(row);
                if (entry.seq() != expectedSeq) {
                    return new ChainVerification(checked, expectedSeq, "entry " + expectedSeq + " is missing");
                }
                if (!previousHash.equals(Sql.text(row[9]))) {
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

    private static AdminActionView view(Object[] row) {
        return new AdminActionView(Sql.number(row[0]), Sql.instant(row[1]), Sql.text(row[2]), Sql.text(row[3]),
                Sql.uuid(row[4]), Sql.text(row[5]), Sql.text(row[6]), Sql.text(row[7]), Sql.text(row[8]),
                Sql.text(row[10]));
    }
}
