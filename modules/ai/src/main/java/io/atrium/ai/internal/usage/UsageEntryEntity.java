package io.atrium.ai.internal.usage;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** A row of {@code ai_usage} (migration V1 in db/migration/ai). */
@Entity
@Table(name = "ai_usage")
@NamedQueries({
    @NamedQuery(name = "UsageEntry.tokensOfCallerOnDay", query = "SELECT SUM(u.promptTokens + u.completionTokens) "
            + "FROM UsageEntryEntity u WHERE u.tenantId = :tenantId AND u.objectId = :objectId AND u.usageDay = :day"),
    @NamedQuery(name = "UsageEntry.perDay", query = "SELECT u.usageDay, COUNT(u), SUM(u.promptTokens), "
            + "SUM(u.completionTokens), COUNT(DISTINCT u.objectId) FROM UsageEntryEntity u "
            + "WHERE u.usageDay BETWEEN :from AND :to GROUP BY u.usageDay ORDER BY u.usageDay"),
    @NamedQuery(name = "UsageEntry.perDayOfCaller", query = "SELECT u.usageDay, COUNT(u), SUM(u.promptTokens), "
            + "SUM(u.completionTokens), COUNT(DISTINCT u.objectId) FROM UsageEntryEntity u "
            + "WHERE u.tenantId = :tenantId AND u.objectId = :objectId AND u.usageDay BETWEEN :from AND :to "
            + "GROUP BY u.usageDay ORDER BY u.usageDay"),
    @NamedQuery(name = "UsageEntry.topUsers", query = "SELECT u.tenantId, u.objectId, COUNT(u), "
            + "SUM(u.promptTokens), SUM(u.completionTokens), SUM(u.promptTokens + u.completionTokens) AS total "
            + "FROM UsageEntryEntity u WHERE u.usageDay BETWEEN :from AND :to "
            + "GROUP BY u.tenantId, u.objectId ORDER BY total DESC, u.objectId"),
    @NamedQuery(name = "UsageEntry.perDayAndDeployment", query = "SELECT u.usageDay, u.deployment, COUNT(u), "
            + "SUM(u.promptTokens + u.completionTokens) FROM UsageEntryEntity u WHERE u.usageDay BETWEEN :from AND :to "
            + "GROUP BY u.usageDay, u.deployment ORDER BY u.usageDay, u.deployment"),
    @NamedQuery(name = "UsageEntry.outcomesPerDay", query = "SELECT u.usageDay, u.outcome, COUNT(u) "
            + "FROM UsageEntryEntity u WHERE u.usageDay BETWEEN :from AND :to "
            + "GROUP BY u.usageDay, u.outcome ORDER BY u.usageDay, u.outcome"),
    @NamedQuery(name = "UsageEntry.filterFindings", query = "SELECT u.occurredAt, u.tenantId, u.objectId, "
            + "u.deployment, u.outcome, u.filterFindings FROM UsageEntryEntity u "
            + "WHERE u.usageDay BETWEEN :from AND :to AND u.filterFindings <> '' "
            + "ORDER BY u.occurredAt DESC, u.id DESC"),
    @NamedQuery(name = "UsageEntry.rows", query = "SELECT u.usageDay, u.tenantId, u.objectId, u.deployment, "
            + "u.outcome, COUNT(u), SUM(u.promptTokens), SUM(u.completionTokens) FROM UsageEntryEntity u "
            + "WHERE u.usageDay BETWEEN :from AND :to GROUP BY u.usageDay, u.tenantId, u.objectId, u.deployment, "
            + "u.outcome ORDER BY u.usageDay, u.tenantId, u.objectId, u.deployment, u.outcome")
})
public class UsageEntryEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "tenant_id", nullable = false)
    private String tenantId;

    @Column(name = "object_id", nullable = false)
    private String objectId;

    @Column(nullable = false)
    private String deployment;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    @Column(name = "usage_day", nullable = false)
    private LocalDate usageDay;

    @Column(nullable = false)
    private boolean streamed;

    @Column(nullable = false)
    private String outcome;

    @Column(name = "finish_reason")
    private String finishReason;

    @Column(name = "prompt_tokens", nullable = false)
    private int promptTokens;

    @Column(name = "completion_tokens", nullable = false)
    private int completionTokens;

    @Column(name = "latency_ms", nullable = false)
    private long latencyMs;

    @Column(name = "upstream_status")
    private Integer upstreamStatus;

    @Column(name = "filter_findings", nullable = false)
    private String filterFindings;

    protected UsageEntryEntity() {
    }

    Long id() {
        return id;
    }

    /** A reserved row becomes the call it stood for; who, when and the day stay as reserved. */
    void settle(UsageRecord call) {
        this.streamed = call.streamed();
        this.outcome = call.outcome();
        this.finishReason = call.finishReason();
        this.promptTokens = call.promptTokens();
        this.completionTokens = call.completionTokens();
        this.latencyMs = call.latencyMs();
        this.upstreamStatus = call.upstreamStatus();
        this.filterFindings = call.filterFindings();
    }

    UsageEntryEntity(UsageRecord call, LocalDate usageDay) {
        this.tenantId = call.tenantId();
        this.objectId = call.objectId();
        this.deployment = call.deployment();
        this.occurredAt = call.occurredAt();
        this.usageDay = usageDay;
        settle(call);
    }
}
