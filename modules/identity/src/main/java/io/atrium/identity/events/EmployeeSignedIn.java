package io.atrium.identity.events;

import java.time.Instant;
import java.util.Set;

/**
 * Fired synchronously when Entra has vouched for an employee and before the session is established, so that an
 * observer which must not miss a sign-in (the audit trail) can veto it by throwing.
 *
 * @param entraSessionId Entra's {@code sid}, when the ID token carries one (front-channel logout uses it)
 * @param clientAddress  the browser's address as the server sees it
 */
public record EmployeeSignedIn(String tenantId, String objectId, String username, String displayName, String email,
                               Set<String> roles, String entraSessionId, String clientAddress, String userAgent,
                               Instant at) {
}
