package io.atrium.ai.internal.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.atrium.ai.AiUnavailableException;
import io.atrium.ai.AiUsage;
import io.atrium.ai.DailyUsage;
import io.atrium.ai.DeploymentDay;
import io.atrium.ai.FilterFinding;
import io.atrium.ai.OutcomeDay;
import io.atrium.ai.UsageRow;
import io.atrium.ai.UserUsage;

/** The usage ledger's table, mapping and queries on a real PostgreSQL migrated by the module's Flyway scripts. */
class UsageLedgerOnPostgresTest {

    private static final AiDatabase database = AiDatabase.get();
    private static final UsageLedger ledger = database.ledger();

    @BeforeEach
    void empty() throws Exception {
        database.clear();
    }

    @Test
    void a_recorded_call_is_stored_with_a_real_timestamp_and_its_utc_day() throws Exception {
        ledger.record(call("erin", "2026-03-01T23:59:30Z", 10, 5, "answered"));

        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT pg_typeof(occurred_at)::text, occurred_at, usage_day, "
                     + "deployment, outcome, finish_reason, prompt_tokens, completion_tokens, latency_ms, "
                     + "filter_findings, streamed FROM ai_usage")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString(1)).isEqualTo("timestamp with time zone");
            assertThat(row.getObject(2, java.time.OffsetDateTime.class).toInstant())
                    .isEqualTo(Instant.parse("2026-03-01T23:59:30Z"));
            assertThat(row.getObject(3, LocalDate.class)).isEqualTo(LocalDate.parse("2026-03-01"));
            assertThat(row.getString(4)).isEqualTo("gpt-4o-mini");
            assertThat(row.getString(5)).isEqualTo("answered");
            assertThat(row.getString(6)).isEqualTo("stop");
            assertThat(row.getInt(7)).isEqualTo(10);
            assertThat(row.getInt(8)).isEqualTo(5);
            assertThat(row.getLong(9)).isEqualTo(120);
            assertThat(row.getString(10)).isEqualTo("prompt: jailbreak=detected; completion: -");
            assertThat(row.getBoolean(11)).isTrue();
        }
    }

    @Test
    void every_outcome_a_call_can_end_with_is_stored_and_a_reserved_row_takes_it() {
        for (AiUnavailableException.Kind kind : AiUnavailableException.Kind.values()) {
            ledger.record(call("erin", "2026-03-01T08:00:00Z", 0, 0, kind.name().toLowerCase(Locale.ROOT)));
        }
        Reservation held = ledger.reserve(call("adam", "2026-03-01T08:00:00Z", 17, 0, "reserved"),
                call("adam", "2026-03-01T08:00:00Z", 0, 0, "quota_exhausted"), 100);
        ledger.settle(held.row().getAsLong(), call("adam", "2026-03-01T08:00:00Z", 12, 30, "answered"));

        assertThat(ledger.tokensOn("tenant-1", "erin", LocalDate.parse("2026-03-01"))).isZero();
        assertThat(ledger.tokensOn("tenant-1", "adam", LocalDate.parse("2026-03-01"))).isEqualTo(42);
        assertThat(ledger.reserve(call("adam", "2026-03-01T09:00:00Z", 17, 0, "reserved"),
                call("adam", "2026-03-01T09:00:00Z", 0, 0, "quota_exhausted"), 42).isRefused()).isTrue();
    }

    @Test
    void tokens_of_a_caller_are_summed_per_utc_day() {
        ledger.record(call("erin", "2026-03-01T00:00:00Z", 10, 5, "answered"));
        ledger.record(call("erin", "2026-03-01T23:59:59Z", 7, 3, "answered"));
        ledger.record(call("erin", "2026-03-02T00:00:00Z", 100, 100, "answered"));
        ledger.record(call("adam", "2026-03-01T12:00:00Z", 50, 50, "answered"));

        assertThat(ledger.tokensOn("tenant-1", "erin", LocalDate.parse("2026-03-01"))).isEqualTo(25);
        assertThat(ledger.tokensOn("tenant-1", "erin", LocalDate.parse("2026-02-28"))).isZero();
        assertThat(ledger.tokensOn("other-tenant", "erin", LocalDate.parse("2026-03-01"))).isZero();
    }

    @Test
    void usage_per_day_counts_calls_tokens_and_distinct_users() {
        ledger.record(call("erin", "2026-03-01T08:00:00Z", 10, 5, "answered"));
        ledger.record(call("erin", "2026-03-01T09:00:00Z", 0, 0, "rate_limited"));
        ledger.record(call("adam", "2026-03-01T10:00:00Z", 20, 10, "answered"));
        ledger.record(call("adam", "2026-03-03T10:00:00Z", 1, 1, "answered"));
        ledger.record(call("adam", "2026-03-09T10:00:00Z", 1, 1, "answered"));

        assertThat(new LedgerAiUsage(ledger).perDay(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-03")))
                .containsExactly(new DailyUsage(LocalDate.parse("2026-03-01"), 3, 30, 15, 2),
                        new DailyUsage(LocalDate.parse("2026-03-03"), 1, 1, 1, 1));
    }

    @Test
    void top_users_are_ordered_by_tokens_and_limited() {
        ledger.record(call("erin", "2026-03-01T08:00:00Z", 10, 5, "answered"));
        ledger.record(call("adam", "2026-03-01T10:00:00Z", 20, 10, "answered"));
        ledger.record(call("adam", "2026-03-02T10:00:00Z", 1, 1, "answered"));
        ledger.record(call("olivia", "2026-03-02T10:00:00Z", 2, 0, "answered"));

        AiUsage usage = new LedgerAiUsage(ledger);
        assertThat(usage.topUsers(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-02"), 2))
                .containsExactly(new UserUsage("tenant-1", "adam", 2, 21, 11),
                        new UserUsage("tenant-1", "erin", 1, 10, 5));
        assertThat(usage.perDayOf("tenant-1", "adam", LocalDate.parse("2026-03-02"), LocalDate.parse("2026-03-02")))
                .containsExactly(new DailyUsage(LocalDate.parse("2026-03-02"), 1, 1, 1, 1));
    }

    @Test
    void tokens_per_deployment_and_outcomes_per_day_are_summed_for_the_charts() {
        ledger.record(call("erin", "2026-03-01T08:00:00Z", "gpt-4o-mini", 10, 5, "answered", ""));
        ledger.record(call("adam", "2026-03-01T09:00:00Z", "gpt-4o", 20, 10, "answered", ""));
        ledger.record(call("adam", "2026-03-01T10:00:00Z", "gpt-4o", 0, 0, "quota_exhausted", ""));
        ledger.record(call("erin", "2026-03-02T08:00:00Z", "gpt-4o-mini", 3, 0, "content_filtered",
                "prompt: violence=filtered:high; completion: -"));

        AiUsage usage = new LedgerAiUsage(ledger);
        LocalDate first = LocalDate.parse("2026-03-01");
        LocalDate second = LocalDate.parse("2026-03-02");

        assertThat(usage.perDayAndDeployment(first, second)).containsExactly(
                new DeploymentDay(first, "gpt-4o", 2, 30), new DeploymentDay(first, "gpt-4o-mini", 1, 15),
                new DeploymentDay(second, "gpt-4o-mini", 1, 3));
        assertThat(usage.outcomesPerDay(first, second)).containsExactly(new OutcomeDay(first, "answered", 2),
                new OutcomeDay(first, "quota_exhausted", 1), new OutcomeDay(second, "content_filtered", 1));
    }

    @Test
    void filter_findings_are_listed_newest_first_with_who_and_what_but_no_words() {
        ledger.record(call("erin", "2026-03-01T08:00:00Z", "gpt-4o-mini", 10, 5, "answered", ""));
        ledger.record(call("erin", "2026-03-01T09:00:00Z", "gpt-4o-mini", 3, 0, "content_filtered",
                "prompt: violence=filtered:high; completion: -"));
        ledger.record(call("adam", "2026-03-02T09:00:00Z", "gpt-4o", 8, 4, "answered",
                "prompt: jailbreak=detected; completion: -"));

        List<FilterFinding> findings = new LedgerAiUsage(ledger).filterFindings(LocalDate.parse("2026-03-01"),
                LocalDate.parse("2026-03-02"), 10);

        assertThat(findings).containsExactly(
                new FilterFinding(Instant.parse("2026-03-02T09:00:00Z"), "tenant-1", "adam", "gpt-4o", "answered",
                        "prompt: jailbreak=detected; completion: -"),
                new FilterFinding(Instant.parse("2026-03-01T09:00:00Z"), "tenant-1", "erin", "gpt-4o-mini",
                        "content_filtered", "prompt: violence=filtered:high; completion: -"));
        assertThat(new LedgerAiUsage(ledger).filterFindings(LocalDate.parse("2026-03-01"),
                LocalDate.parse("2026-03-02"), 1)).hasSize(1);
        assertThatThrownBy(() -> new LedgerAiUsage(ledger).filterFindings(LocalDate.parse("2026-03-01"),
                LocalDate.parse("2026-03-02"), 1001)).hasMessageContaining("between 1 and 1000");
    }

    @Test
    void the_export_rows_sum_each_day_caller_deployment_and_outcome_and_come_in_chunks_in_order() throws Exception {
        // 5 003 callers on one day, one call each: a chunk and a bit more.
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO ai_usage (tenant_id, object_id, deployment, occurred_at, usage_day, "
                    + "streamed, outcome, prompt_tokens, completion_tokens, latency_ms) SELECT 'tenant-1', "
                    + "'oid-' || lpad(i::text, 5, '0'), 'gpt-4o-mini', '2026-03-01T00:00:00Z'::timestamptz "
                    + "+ i * interval '1 second', '2026-03-01', false, 'answered', 2, 1, 120 "
                    + "FROM generate_series(0, 5002) AS i");
        }
        ledger.record(call("oid-00000", "2026-03-01T23:00:00Z", "gpt-4o-mini", 4, 2, "answered", ""));

        List<UsageRow> rows = new ArrayList<>();
        new LedgerAiUsage(ledger).rows(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-01"), rows::add);

        assertThat(rows).hasSize(5_003);
        assertThat(rows.get(0)).isEqualTo(new UsageRow(LocalDate.parse("2026-03-01"), "tenant-1", "oid-00000",
                "gpt-4o-mini", "answered", 2, 6, 3));
        assertThat(rows.get(5_002).objectId()).isEqualTo("oid-05002");
        assertThat(rows).extracting(UsageRow::objectId).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void an_outcome_outside_the_known_ones_is_refused_by_the_database() {
        assertThatThrownBy(() -> ledger.record(call("erin", "2026-03-01T08:00:00Z", 1, 1, "whatever")))
                .isInstanceOf(RuntimeException.class);
        assertThat(ledger.tokensOn("tenant-1", "erin", LocalDate.parse("2026-03-01"))).isZero();
    }

    @Test
    void bad_ranges_and_limits_are_refused_with_a_reason() {
        AiUsage usage = new LedgerAiUsage(ledger);
        LocalDate day = LocalDate.parse("2026-03-01");

        assertThatThrownBy(() -> usage.perDay(day, day.minusDays(1))).hasMessageContaining("on or before");
        assertThatThrownBy(() -> usage.perDay(day, day.plusDays(400))).hasMessageContaining("at most 366 days");
        assertThatThrownBy(() -> usage.topUsers(day, day, 0)).hasMessageContaining("between 1 and 100");
    }

    private static UsageRecord call(String oid, String at, String deployment, int prompt, int completion,
                                    String outcome, String findings) {
        return new UsageRecord("tenant-1", oid, deployment, Instant.parse(at), false, outcome,
                outcome.equals("answered") ? "stop" : null, prompt, completion, 120, null, findings);
    }

    private static UsageRecord call(String oid, String at, int prompt, int completion, String outcome) {
        return new UsageRecord("tenant-1", oid, "gpt-4o-mini", Instant.parse(at), true, outcome,
                outcome.equals("answered") ? "stop" : null, prompt, completion, 120, null,
                "prompt: jailbreak=detected; completion: -");
    }
}
