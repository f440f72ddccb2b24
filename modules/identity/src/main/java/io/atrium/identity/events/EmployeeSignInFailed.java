package io.atrium.identity.events;

import java.time.Instant;

/**
 * Fired when Atrium refuses a sign-in on Entra's callback, after the refusal is decided; observers cannot change it.
 * The attempted identity is known only when the refusal came after the ID token was verified (a disabled employee,
 * an unrecordable sign-in); otherwise those fields are null.
 *
 * @param reason         Atrium's reason in lower case, e.g. {@code not_assigned}, {@code token_rejected}, {@code disabled}
 * @param entraErrorCode Entra's {@code AADSTSnnnnn} code when Entra's answer carried one
 */
public record EmployeeSignInFailed(String tenantId, String objectId, String username, String reason,
                                   String entraErrorCode, String entraSessionId, String clientAddress,
                                   String userAgent, Instant at) {
}
