package io.atrium.ai.internal.usage;

import java.util.Map;
import java.util.Set;

/** The daily token quota of a caller: the largest of their roles' quotas; a caller with no listed role has none. */
public final class DailyQuotas {

    private final Map<String, Long> byRole;

    public DailyQuotas(Map<String, Long> byRole) {
        this.byRole = Map.copyOf(byRole);
    }

    public long of(Set<String> roles) {
        return roles.stream().filter(byRole::containsKey).mapToLong(byRole::get).max().orElse(0);
    }
}
