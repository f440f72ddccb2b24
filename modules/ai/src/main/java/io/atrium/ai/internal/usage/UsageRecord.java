package io.atrium.ai.internal.usage;

import java.time.Instant;
import java.util.Objects;

/**
 * One call to Azure OpenAI (or one refused by the daily quota) as the ledger keeps it: who, which deployment, when,
 * how it ended, the tokens Azure counted and what its content filter found. Never what was said, nor a token.
 *
 * @param outcome       {@code answered}, {@code cancelled}, or the failure's kind in lower case
 * @param finishReason  Azure's finish reason when an answer came, else null
 * @param upstreamStatus Azure's HTTP status when it answered an error, else null
 */
public record UsageRecord(String tenantId, String objectId, String deployment, Instant occurredAt, boolean streamed,
                          String outcome, String finishReason, int promptTokens, int completionTokens, long latencyMs,
                          Integer upstreamStatus, String filterFindings) {

    public UsageRecord {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(objectId, "objectId");
        Objects.requireNonNull(deployment, "deployment");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(outcome, "outcome");
        filterFindings = filterFindings == null ? "" : filterFindings;
    }
}
