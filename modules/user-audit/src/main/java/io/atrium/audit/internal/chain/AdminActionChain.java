package io.atrium.audit.internal.chain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import io.atrium.audit.Actor;
import io.atrium.audit.internal.persistence.Sql;

/**
 * Appends to the admin-action log. Appends are serialised by a transaction-scoped advisory lock, so each entry links
 * to the one committed just before it and sequence numbers have no gaps; the lock is held only until the
 * administrator's transaction commits.
 */
@ApplicationScoped
public class AdminActionChain {

    /** Arbitrary, fixed: the key of the advisory lock that orders appends. */
    private static final long APPEND_LOCK = 0x41_74_72_69_75_6dL;

    @PersistenceContext(unitName = "atrium-audit")
    EntityManager entityManager;

    @Inject
    ActionSeal seal;

    /** Must run inside the transaction of the change it records: both commit, or neither. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long append(Actor actor, String action, UUID targetUserId, String target, String before, String after,
                       String reason) {
        Sql.query(entityManager, "SELECT pg_advisory_xact_lock(?1)", APPEND_LOCK).getSingleResult();
        List<Object[]> last = Sql.rows(Sql.query(entityManager,
                "SELECT seq, hash FROM admin_action ORDER BY seq DESC LIMIT 1"));
        long seq = last.isEmpty() ? 1 : Sql.number(last.get(0)[0]) + 1;
        String previousHash = last.isEmpty() ? ActionHash.GENESIS : Sql.text(last.get(0)[1]);
        Instant at = Sql.micros(Instant.now());
        String actorText = actor.described();
        String hash = seal.seal(ActionHash.text(previousHash, seq, at, actorText, action, targetUserId, target,
                before, after, reason));
        Sql.query(entityManager, """
                        INSERT INTO admin_action (seq, occurred_at, actor, action, target_user_id, target, before_state,
                                                  after_state, reason, previous_hash, hash)
                        VALUES (?1, ?2, ?3, ?4, CAST(?5 AS uuid), ?6, ?7, ?8, ?9, ?10, ?11)""",
                seq, at, actorText, action, targetUserId == null ? null : targetUserId.toString(), target, before,
                after, reason, previousHash, hash).executeUpdate();
        return seq;
    }
}
