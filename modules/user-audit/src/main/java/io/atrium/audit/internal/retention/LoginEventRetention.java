package io.atrium.audit.internal.retention;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.atrium.audit.Actor;
import io.atrium.audit.internal.chain.AdminActionChain;
import io.atrium.audit.internal.persistence.AuditUnit;
import io.atrium.audit.internal.persistence.Sql;

/**
 * Deletes login events older than the retention period, a batch per transaction so that a first purge of millions of
 * rows never holds long locks. Admin actions are never purged; each purge that removed something is itself logged.
 */
@ApplicationScoped
public class LoginEventRetention {

    static final int BATCH = 10_000;

    private final EntityManager entityManager;
    private final AdminActionChain chain;

    @Inject
    public LoginEventRetention(@AuditUnit EntityManager entityManager, AdminActionChain chain) {
        this.entityManager = entityManager;
        this.chain = chain;
    }

    /** For CDI's proxy. */
    protected LoginEventRetention() {
        this(null, null);
    }

    @Transactional
    public int purgeBatch(Instant cutoff) {
        // Native: a JPQL bulk DELETE cannot be limited to a batch (no LIMIT in its subquery).
        return Sql.query(entityManager, """
                DELETE FROM login_event WHERE id IN (
                    SELECT id FROM login_event WHERE occurred_at < ?1 LIMIT""" + " " + BATCH + ")", cutoff)
                .executeUpdate();
    }

    @Transactional
    public void logPurge(Instant cutoff, long purged, int retentionDays) {
        chain.append(Actor.SYSTEM, "purge-login-events", null, "login events before " + cutoff,
                purged + " login events", "0 login events", "retention of " + retentionDays + " days");
    }
}
