package io.atrium.audit;

import java.time.Instant;
import java.util.UUID;

/** Filters for the admin-action log (each optional), newest first, a page at a time. */
public record AdminActionQuery(String actor, String action, UUID targetUserId, Instant from, Instant before,
                               int offset, int limit) {

    public AdminActionQuery {
        if (offset < 0 || limit < 1 || limit > UserQuery.MAX_LIMIT) {
            throw new AdministrationRefused(AdministrationRefused.Kind.INVALID,
                    "offset must not be negative and limit must be between 1 and " + UserQuery.MAX_LIMIT);
        }
    }
}
