package io.atrium.audit;

import java.time.Instant;

/** What Atrium's records say about one employee. */
public record UserView(String tenantId, String objectId, String username, String displayName, String email,
                       String status, Instant firstSeenAt, Instant lastSignInAt, long signInCount) {
}
