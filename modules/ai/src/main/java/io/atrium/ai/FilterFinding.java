package io.atrium.ai;

import java.time.Instant;

/**
 * One call in which Azure's content filter found something: who (Entra tenant and object id), when, which
 * deployment, how the call ended, and the findings as the ledger keeps them
 * ({@code prompt: jailbreak=detected; completion: violence=filtered:high}). Never what was said.
 */
public record FilterFinding(Instant occurredAt, String tenantId, String objectId, String deployment, String outcome,
                            String findings) {
}
