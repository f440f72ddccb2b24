package io.atrium.audit;

import java.time.Instant;

/**
 * One sign-in attempt.
 *
 * @param failureReason   why a failed attempt failed (Atrium's reason, e.g. {@code not_assigned}); null on success
 * @param entraErrorCode  Entra's AADSTS code when Entra gave one
 */
public record LoginEventView(Instant occurredAt, String outcome, String username, String failureReason,
                             String entraErrorCode, String clientAddress, String userAgent, String entraSessionId) {
}
