package io.atrium.identity.events;

import java.time.Instant;
import java.util.Set;

/**
 * Fired when a refresh of a signed-in employee's tokens brought roles other than the session had: Entra's app-role
 * assignments or group memberships changed since the sign-in. The session already has the new roles.
 *
 * @param roles    the roles Entra gives now: app roles and roles of mapped groups (not Atrium's local grants)
 * @param appRoles the part of {@code roles} that came from Entra app-role assignments; the rest came from groups
 */
public record EmployeeRolesRefreshed(String tenantId, String objectId, String username, Set<String> roles,
                                     Set<String> appRoles, Instant at) {
}
