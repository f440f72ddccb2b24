package io.atrium.ai;

import java.time.Instant;
import java.util.Objects;

/** An employee's own daily tokens in place of their roles' quota, until {@code expiresAt}. */
public record UserQuota(String tenantId, String objectId, long dailyTokens, Instant expiresAt, String setBy,
                        Instant setAt) {

    public UserQuota {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(objectId, "objectId");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(setBy, "setBy");
        Objects.requireNonNull(setAt, "setAt");
        if (dailyTokens < 0) {
            throw new IllegalArgumentException("a quota cannot be negative");
        }
        if (!expiresAt.isAfter(setAt)) {
            throw new IllegalArgumentException("an override must expire after it is set");
        }
    }

    /** For the admin-action log. */
    public String described() {
        return dailyTokens + " tokens a day until " + expiresAt;
    }
}
