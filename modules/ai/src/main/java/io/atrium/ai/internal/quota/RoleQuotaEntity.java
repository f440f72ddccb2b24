package io.atrium.ai.internal.quota;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@code ai_role_quota} (migration V4 in db/migration/ai): an administrator's quota for a role. */
@Entity
@Table(name = "ai_role_quota")
public class RoleQuotaEntity {

    @Id
    private String role;

    @Column(name = "daily_tokens", nullable = false)
    private long dailyTokens;

    @Column(name = "set_by", nullable = false)
    private String setBy;

    @Column(name = "set_at", nullable = false)
    private Instant setAt;

    protected RoleQuotaEntity() {
    }

    RoleQuotaEntity(String role) {
        this.role = role;
    }

    void set(long dailyTokens, String setBy, Instant setAt) {
        this.dailyTokens = dailyTokens;
        this.setBy = setBy;
        this.setAt = setAt;
    }

    String role() {
        return role;
    }

    long dailyTokens() {
        return dailyTokens;
    }

    String setBy() {
        return setBy;
    }

    Instant setAt() {
        return setAt;
    }
}
