package io.atrium.ai;

import java.time.LocalDate;

/** The usage ledger summed per UTC day, caller, deployment and outcome: a row of the usage export. */
public record UsageRow(LocalDate day, String tenantId, String objectId, String deployment, String outcome,
                       long calls, long promptTokens, long completionTokens) {
}
