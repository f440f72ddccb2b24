package io.atrium.ai;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The daily token quotas: per app role, where an administrator's setting replaces the default from
 * {@code ATRIUM_AI_DAILY_TOKEN_QUOTAS}, and per employee for a while, which replaces their roles' quota until it
 * expires. The admin pages change them; the changes are the caller's to write into the admin-action log.
 */
public interface QuotaRules {

    /** The quota of a caller with these roles: their unexpired override, else the largest of their roles' quotas. */
    long dailyQuotaOf(String tenantId, String objectId, Set<String> roles, Instant now);

    /** Every role with a default or a setting, by name. */
    List<RoleQuota> roleQuotas();

    /** @return the role's quota before */
    RoleQuota setRoleQuota(String role, long dailyTokens, String setBy, Instant at);

    /** Back to the default (none when the environment names no quota for the role). @return the quota before */
    RoleQuota resetRoleQuota(String role);

    /** The overrides that have not expired at {@code now}, soonest to expire first. */
    List<UserQuota> userOverrides(Instant now);

    /** Sets or replaces an employee's override. @return the override it replaced */
    Optional<UserQuota> setUserOverride(UserQuota override);

    /** @return the override removed */
    Optional<UserQuota> removeUserOverride(String tenantId, String objectId);
}
