package io.atrium.identity.events;

/**
 * Atrium's own decision about an employee changed (disabled, enabled, a local role granted or revoked). Identity
 * forgets what it cached about the employee, and ends their sessions when {@code disabled}, once the change commits.
 */
public record EmployeeStandingChanged(String tenantId, String objectId, boolean disabled) {
}
