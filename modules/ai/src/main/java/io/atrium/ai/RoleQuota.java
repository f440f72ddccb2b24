package io.atrium.ai;

import java.time.Instant;
import java.util.OptionalLong;

/**
 * A role's daily tokens: {@code setting} by an administrator ({@code setBy}, {@code setAt}) or, without one, the
 * environment's {@code defaultTokens}; a role with neither gets no tokens.
 */
public record RoleQuota(String role, OptionalLong defaultTokens, OptionalLong setting, String setBy, Instant setAt) {

    public long dailyTokens() {
        return setting.orElse(defaultTokens.orElse(0));
    }

    /** For the admin-action log: what the role had, in words. */
    public String described() {
        return role + ": " + dailyTokens() + " tokens a day" + (setting.isPresent() ? "" : " (default)");
    }
}
