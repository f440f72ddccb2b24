package io.atrium.audit.internal.chain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import io.atrium.audit.AdminActionView;

/**
 * A row of {@code admin_action} (migration V2): append-only, so the entity has no setter and the table's trigger
 * refuses an UPDATE or DELETE should one ever be attempted.
 */
@Entity
@Table(name = "admin_action")
@NamedQueries({
    @NamedQuery(name = "AdminAction.findLatest", query = "SELECT a FROM AdminActionEntity a ORDER BY a.seq DESC"),
    @NamedQuery(name = "AdminAction.findFromSeq", query = "SELECT a FROM AdminActionEntity a WHERE a.seq >= :seq "
            + "ORDER BY a.seq")
})
public class AdminActionEntity {

    @Id
    private long seq;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    @Column(nullable = false)
    private String actor;

    @Column(nullable = false)
    private String action;

    @Column(name = "target_user_id")
    private UUID targetUserId;

    private String target;

    @Column(name = "before_state")
    private String beforeState;

    @Column(name = "after_state")
    private String afterState;

    private String reason;

    @Column(name = "previous_hash", nullable = false)
    private String previousHash;

    @Column(nullable = false)
    private String hash;

    protected AdminActionEntity() {
    }

    AdminActionEntity(long seq, Instant occurredAt, String actor, String action, UUID targetUserId, String target,
                      String beforeState, String afterState, String reason, String previousHash, String hash) {
        this.seq = seq;
        this.occurredAt = occurredAt;
        this.actor = actor;
        this.action = action;
        this.targetUserId = targetUserId;
        this.target = target;
        this.beforeState = beforeState;
        this.afterState = afterState;
        this.reason = reason;
        this.previousHash = previousHash;
        this.hash = hash;
    }

    long seq() {
        return seq;
    }

    String previousHash() {
        return previousHash;
    }

    String hash() {
        return hash;
    }

    AdminActionView view() {
        return new AdminActionView(seq, occurredAt, actor, action, targetUserId, target, beforeState, afterState,
                reason, hash);
    }
}
