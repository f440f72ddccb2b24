package io.atrium.identity.events;

import java.time.Instant;
import java.util.Set;

/**
 * Fired synchronously when Entra has vouched for an employee and before the session is established, so that an
 * observer which must not miss a sign-in (the audit trail) can veto it by throwing.
 *
 * @param roles          the roles Entra gave: app roles and roles of mapped groups (not Atrium's local grants)
 * @param entraSessionId Entra's {@code sid}, when the ID token carries one (front-channel logout uses it)
 * @param clientAddress  the browser's address: the connection's, or the one a trusted proxy forwarded
 * @param issuer         the ID token's {@code iss}
 * @param subject        the ID token's {@code sub} (pairwise per application in Entra)
 * @param appRoles       the part of {@code roles} that came from Entra app-role assignments; the rest came from groups
 */
public record EmployeeSignedIn(String tenantId, String objectId, String username, String displayName, String email,
                               Set<String> roles, String entraSessionId, String clientAddress, String userAgent,
                               Instant at, String issuer, String subject, Set<String> appRoles) {
}
