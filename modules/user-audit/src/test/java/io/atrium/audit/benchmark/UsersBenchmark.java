package io.atrium.audit.benchmark;

import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.atrium.audit.UserQuery;
import io.atrium.audit.internal.AuditDatabase;
import io.atrium.audit.Actor;
import io.atrium.audit.internal.Beans;
import io.atrium.audit.internal.export.JdbcAuditExport;

/**
 * The users page's queries and the CSV export on 100 000 users and 1 000 000 login events, on the real PostgreSQL
 * stand-in. Not part of the test suite (the name does not end in Test); run it with
 * {@code ./mvnw test -pl modules/user-audit -am -Dtest=UsersBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * -DargLine=-Xmx256m}. Prints p50/p95 per query shape and the heap used while exporting.
 */
class UsersBenchmark {

    private static final int USERS = 100_000;
    private static final int EVENTS = 1_000_000;
    private static final int RUNS = 40;

    private final AuditDatabase db = AuditDatabase.get();
    private final Beans beans = new Beans(null);

    @Test
    void users_page_queries_and_export_on_seeded_data() throws Exception {
        long seedStart = System.nanoTime();
        seed();
        System.out.printf("seeded %,d users and %,d login events in %.1f s%n", USERS, EVENTS,
                (System.nanoTime() - seedStart) / 1e9);

        Instant now = Instant.now();
        Map<String, UserQuery> shapes = new LinkedHashMap<>();
        shapes.put("first page, by name", query(null, null, null, null, null, UserQuery.Sort.NAME, false, 0));
        shapes.put("page 1000 (offset 25 000), by name", query(null, null, null, null, null, UserQuery.Sort.NAME,
                false, 25_000));
        shapes.put("by last sign-in, newest first", query(null, null, null, null, null,
                UserQuery.Sort.LAST_SIGN_IN, true, 0));
        shapes.put("name contains 'smith 42'", query("smith 42", null, null, null, null, UserQuery.Sort.NAME,
                false, 0));
        shapes.put("e-mail contains 'user4711'", query(null, "user4711", null, null, null, UserQuery.Sort.NAME,
                false, 0));
        shapes.put("status disabled", query(null, null, "disabled", null, null, UserQuery.Sort.NAME, false, 0));
        shapes.put("role admin", query(null, null, null, "admin", null, UserQuery.Sort.NAME, false, 0));
        shapes.put("last sign-in in the past 7 days", query(null, null, null, null,
                now.minus(7, ChronoUnit.DAYS), UserQuery.Sort.LAST_SIGN_IN, true, 0));
        for (Map.Entry<String, UserQuery> shape : shapes.entrySet()) {
            List<Long> micros = new ArrayList<>();
            for (int run = 0; run < RUNS + 5; run++) {
                long start = System.nanoTime();
                long total = db.inTransaction(em -> beans.directory(em).search(shape.getValue()).total());
                if (run >= 5) {
                    micros.add((System.nanoTime() - start) / 1000);
                }
                if (run == 0) {
                    System.out.printf("  %-40s matches %,d%n", shape.getKey(), total);
                }
            }
            micros.sort(null);
            System.out.printf("users page query %-40s p50 %6.1f ms  p95 %6.1f ms%n", shape.getKey(),
                    micros.get(micros.size() / 2) / 1000.0, micros.get((int) (micros.size() * 0.95)) / 1000.0);
        }
        explain("role admin", "SELECT t0.ID FROM app_user t0 WHERE t0.ID IN (SELECT t1.user_id FROM role_grant t1 "
                + "WHERE t1.ROLE = 'admin' AND t1.revoked_at IS NULL AND (t1.expires_at IS NULL OR t1.expires_at > "
                + "CURRENT_TIMESTAMP) GROUP BY t1.user_id) ORDER BY LOWER(t0.display_name) ASC, t0.ID ASC "
                + "LIMIT 25 OFFSET 0");
        explain("name contains 'smith 42'", "SELECT ID FROM app_user WHERE LOWER(display_name || ' ' || USERNAME) "
                + "LIKE '%smith 42%' ESCAPE '\\' ORDER BY LOWER(display_name) ASC, ID ASC LIMIT 25 OFFSET 0");
        explain("count of all users", "SELECT COUNT(ID) FROM app_user");
        explain("status disabled", "SELECT ID FROM app_user WHERE (STATUS = 'disabled') "
                + "ORDER BY LOWER(display_name) ASC, ID ASC LIMIT 25 OFFSET 0");
        JdbcAuditExport export = new JdbcAuditExport(db.dataSource(), beans.exportRecorder(db));
        exportWithHeapWatch("login events CSV", out -> export.loginEventsCsv(Actor.SYSTEM, out, null, null));
        exportWithHeapWatch("users CSV", out -> export.usersCsv(Actor.SYSTEM, out));
    }

    private void explain(String what, String sql) {
        try (var connection = db.dataSource().getConnection(); var statement = connection.createStatement();
             var plan = statement.executeQuery("EXPLAIN (ANALYZE, BUFFERS) " + sql)) {
            System.out.println("plan of " + what + ":");
            while (plan.next()) {
                System.out.println("    " + plan.getString(1));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static UserQuery query(String name, String email, String status, String role, Instant from,
                                   UserQuery.Sort sort, boolean descending, int offset) {
        return UserQuery.builder().name(name).email(email).status(UserQuery.Status.parse(status)).role(role)
                .signedIn(from, null).sort(sort, descending).page(offset, 25).build();
    }

    private void seed() {
        db.reset();
        db.sql("""
                INSERT INTO app_user (tenant_id, object_id, username, display_name, email, status, first_seen_at,
                                      last_seen_at, last_sign_in_at)
                SELECT 'tenant', 'oid-' || i, 'user' || i || '@bank.example',
                       (ARRAY['Smith','Jones','Brown','Taylor','Wilson'])[1 + i % 5] || ' ' || i,
                       'user' || i || '@bank.example', CASE WHEN i % 50 = 0 THEN 'disabled' ELSE 'active' END,
                       now() - interval '400 days', now() - (i % 365) * interval '1 day',
                       now() - (i % 365) * interval '1 day'
                  FROM generate_series(1, USERS) i""".replace("USERS", Integer.toString(USERS)),
                """
                INSERT INTO role_grant (user_id, role, source, granted_by, granted_at)
                SELECT id, 'employee', 'entra-app-role', 'Entra ID', now() FROM app_user""",
                """
                INSERT INTO role_grant (user_id, role, source, granted_by, granted_at, reason)
                SELECT id, 'admin', 'local', 'benchmark', now(), 'seed' FROM app_user WHERE object_id LIKE 'oid-%00'""",
                """
                INSERT INTO login_event (id, user_id, occurred_at, outcome, failure_reason, client_address, user_agent,
                                         entra_session_id, attempted_tenant_id, attempted_object_id, attempted_username)
                SELECT gen_random_uuid(), u.id, now() - (e % 365) * interval '1 day',
                       CASE WHEN e % 20 = 0 THEN 'failure' ELSE 'success' END,
                       CASE WHEN e % 20 = 0 THEN 'token_rejected' END, '203.0.113.' || (e % 250),
                       'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0', 'sid-' || e, 'tenant', u.object_id,
                       u.username
                  FROM generate_series(1, EVENTS) e JOIN app_user u ON u.object_id = 'oid-' || (1 + e % USERS)"""
                        .replace("EVENTS", Integer.toString(EVENTS)).replace("USERS", Integer.toString(USERS)),
                "ANALYZE app_user", "ANALYZE login_event", "ANALYZE role_grant");
    }

    private static void exportWithHeapWatch(String what, Export export) throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long before = memory.getHeapMemoryUsage().getUsed();
        AtomicLong peak = new AtomicLong(before);
        AtomicLong bytes = new AtomicLong();
        Thread watcher = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        watcher.start();
        long start = System.nanoTime();
        export.write(new Writer() {
            @Override
            public void write(char[] buffer, int offset, int length) {
                bytes.addAndGet(length);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        watcher.interrupt();
        watcher.join();
        System.out.printf("export %-18s %,d chars in %.1f s; heap used before %d MB, peak during %d MB, max heap %d MB%n",
                what, bytes.get(), (System.nanoTime() - start) / 1e9, before >> 20, peak.get() >> 20,
                Runtime.getRuntime().maxMemory() >> 20);
    }

    @FunctionalInterface
    private interface Export {
        void write(Writer out) throws Exception;
    }

}
