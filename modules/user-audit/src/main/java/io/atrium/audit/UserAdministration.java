package io.atrium.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * What an administrator changes about a user. Each change is written to the admin-action log in the same transaction,
 * and identity is told at once (an {@code EmployeeStandingChanged} event) so the user's next request sees it.
 *
 * @throws AdministrationRefused on an unknown user, bad input, or a change that would leave Atrium without an
 *                               active administrator
 */
public interface UserAdministration {

    /** Grants a role locally, replacing a current local grant of the same role; {@code expiresAt} may be null. */
    RoleView grantRole(Actor actor, UUID userId, String role, String reason, Instant expiresAt);

    void revokeRole(Actor actor, UUID userId, String role, String reason);

    void disable(Actor actor, UUID userId, String reason);

    void enable(Actor actor, UUID userId, String reason);
}
