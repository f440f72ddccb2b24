package io.atrium.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * What Atrium's records say about one employee.
 *
 * @param signInCount successful sign-ins still within the login-event retention period
 */
public record UserView(String tenantId, String objectId, String username, String displayName, String email,
                       String status, Instant firstSeenAt, Instant lastSignInAt, long signInCount, UUID id,
                       Instant lastSeenAt, String statusReason, String statusChangedBy, Instant statusChangedAt) {

    public boolean disabled() {
        return "disabled".equals(status);
    }
}
