package io.atrium.ai.internal.quota;

import java.io.Serializable;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import io.atrium.ai.UserQuota;

/** A row of {@code ai_user_quota} (migration V4 in db/migration/ai): one employee's quota until it expires. */
@Entity
@Table(name = "ai_user_quota")
@IdClass(UserQuotaEntity.Key.class)
@NamedQuery(name = "UserQuota.unexpired", query = "SELECT q FROM UserQuotaEntity q WHERE q.expiresAt > :now "
        + "ORDER BY q.expiresAt, q.tenantId, q.objectId")
public class UserQuotaEntity {

    @Id
    @Column(name = "tenant_id")
    private String tenantId;

    @Id
    @Column(name = "object_id")
    private String objectId;

    @Column(name = "daily_tokens", nullable = false)
    private long dailyTokens;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "set_by", nullable = false)
    private String setBy;

    @Column(name = "set_at", nullable = false)
    private Instant setAt;

    protected UserQuotaEntity() {
    }

    UserQuotaEntity(String tenantId, String objectId) {
        this.tenantId = tenantId;
        this.objectId = objectId;
    }

    void set(UserQuota quota) {
        this.dailyTokens = quota.dailyTokens();
        this.expiresAt = quota.expiresAt();
        this.setBy = quota.setBy();
        this.setAt = quota.setAt();
    }

    UserQuota view() {
        return new UserQuota(tenantId, objectId, dailyTokens, expiresAt, setBy, setAt);
    }

    Instant expiresAt() {
        return expiresAt;
    }

    /** The primary key: Entra tenant and object id. */
    public static class Key implements Serializable {

        private static final long serialVersionUID = 1L;

        private String tenantId;
        private String objectId;

        public Key() {
        }

        Key(String tenantId, String objectId) {
            this.tenantId = tenantId;
            this.objectId = objectId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && tenantId.equals(key.tenantId) && objectId.equals(key.objectId);
        }

        @Override
        public int hashCode() {
            return 31 * tenantId.hashCode() + objectId.hashCode();
        }
    }
}
