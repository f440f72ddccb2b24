package io.atrium.audit;

import java.time.Instant;
import java.util.UUID;

/** One entry of the admin-action log. */
public record AdminActionView(long seq, Instant occurredAt, String actor, String action, UUID targetUserId,
                              String target, String before, String after, String reason, String hash) {
}
