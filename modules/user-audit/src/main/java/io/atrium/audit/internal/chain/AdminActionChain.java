package io.atrium.audit.internal.chain;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.atrium.audit.Actor;
import io.atrium.audit.internal.persistence.AuditUnit;
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

    private final EntityManager entityManager;
    private final ActionSeal seal;

    @Inject
    public AdminActionChain(@AuditUnit EntityManager entityManager, ActionSeal seal) {
        this.entityManager = entityManager;
        this.seal = seal;
    }

    /** For CDI's proxy. */
    protected AdminActionChain() {
        this(null, null);
    }

    /** Must run inside the transaction of the change it records: both commit, or neither. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long append(Actor actor, String action, UUID targetUserId, String target, String before, String after,
                       String reason) {
        // Native: JPA has no advisory lock, and a row lock cannot serialise appends to a table that may be empty.
        Sql.query(entityManager, "SELECT pg_advisory_xact_lock(?1)", APPEND_LOCK).getSingleResult();
        Optional<AdminActionEntity> last = entityManager.createNamedQuery("AdminAction.findLatest",
                AdminActionEntity.class).setMaxResults(1).getResultStream().findFirst();
        long seq = last.map(entry -> entry.seq() + 1).orElse(1L);
        String previousHash = last.map(AdminActionEntity::hash).orElse(ActionHash.GENESIS);
        Instant at = Sql.micros(Instant.now());
        String actorText = actor.described();
        String hash = seal.seal(ActionHash.text(previousHash, seq, at, actorText, action, targetUserId, target,
                before, after, reason));
        entityManager.persist(new AdminActionEntity(seq, at, actorText, action, targetUserId, target, before, after,
                reason, previousHash, hash));
        // Written at once: a failure shows here, and a later append in this transaction reads the entry back.
        entityManager.flush();
        return seq;
    }
}
