package io.atrium.audit;

import java.time.Instant;

/**
 * One of an employee's current roles and where it comes from.
 *
 * @param source {@code entra-app-role}, {@code entra-group} (as of the last sign-in) or {@code local}
 */
public record RoleView(String role, String source, String grantedBy, Instant grantedAt, Instant expiresAt,
                       String reason) {
}
