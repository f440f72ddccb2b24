package io.atrium.ai.internal.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.atrium.ai.AiUsage;
import io.atrium.ai.DailyUsage;
import io.atrium.ai.UserUsage;

/** The usage ledger's table, mapping and queries on a real PostgreSQL migrated by the module's Flyway scripts. */
class UsageLedgerTest {

    private static AiDatabase database;
    private static UsageLedger ledger;

    @BeforeAll
    static void start() throws Exception {
        database = AiDatabase.start();
        ledger = database.ledger();
    }

    @AfterAll
    static void stop() throws Exception {
        if (database != null) {
            database.close();
        }
    }

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

        assertThat(new AiUsage(ledger).perDay(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-03")))
                .containsExactly(new DailyUsage(LocalDate.parse("2026-03-01"), 3, 30, 15, 2),
                        new DailyUsage(LocalDate.parse("2026-03-03"), 1, 1, 1, 1));
    }

    @Test
    void top_users_are_ordered_by_tokens_and_limited() {
        ledger.record(call("erin", "2026-03-01T08:00:00Z", 10, 5, "answered"));
        ledger.record(call("adam", "2026-03-01T10:00:00Z", 20, 10, "answered"));
        ledger.record(call("adam", "2026-03-02T10:00:00Z", 1, 1, "answered"));
        ledger.record(call("olivia", "2026-03-02T10:00:00Z", 2, 0, "answered"));

        AiUsage usage = new AiUsage(ledger);
        assertThat(usage.topUsers(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-02"), 2))
                .containsExactly(new UserUsage("tenant-1", "adam", 2, 21, 11),
                        new UserUsage("tenant-1", "erin", 1, 10, 5));
        assertThat(usage.perDayOf("tenant-1", "adam", LocalDate.parse("2026-03-02"), LocalDate.parse("2026-03-02")))
                .containsExactly(new DailyUsage(LocalDate.parse("2026-03-02"), 1, 1, 1, 1));
    }

    @Test
    void an_outcome_outside_the_known_ones_is_refused_by_the_database() {
        assertThatThrownBy(() -> ledger.record(call("erin", "2026-03-01T08:00:00Z", 1, 1, "whatever")))
                .isInstanceOf(RuntimeException.class);
        assertThat(ledger.tokensOn("tenant-1", "erin", LocalDate.parse("2026-03-01"))).isZero();
    }

    @Test
    void bad_ranges_and_limits_are_refused_with_a_reason() {
        AiUsage usage = new AiUsage(ledger);
        LocalDate day = LocalDate.parse("2026-03-01");

        assertThatThrownBy(() -> usage.perDay(day, day.minusDays(1))).hasMessageContaining("on or before");
        assertThatThrownBy(() -> usage.perDay(day, day.plusDays(400))).hasMessageContaining("at most 366 days");
        assertThatThrownBy(() -> usage.topUsers(day, day, 0)).hasMessageContaining("between 1 and 100");
    }

    private static UsageRecord call(String oid, String at, int prompt, int completion, String outcome) {
        return new UsageRecord("tenant-1", oid, "gpt-4o-mini", Instant.parse(at), true, outcome,
                outcome.equals("answered") ? "stop" : null, prompt, completion, 120, null,
                "prompt: jailbreak=detected; completion: -");
    }
}
