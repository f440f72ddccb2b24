package io.atrium.ai.internal.usage;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;

import org.postgresql.ds.PGSimpleDataSource;

import io.atrium.ai.AiSchema;
import io.atrium.ai.DailyUsage;
import io.atrium.ai.DeploymentDay;
import io.atrium.ai.FilterFinding;
import io.atrium.ai.OutcomeDay;
import io.atrium.ai.QuotaRules;
import io.atrium.ai.RoleQuota;
import io.atrium.ai.UserQuota;
import io.atrium.ai.UsageRow;
import io.atrium.ai.UserUsage;
import io.atrium.ai.internal.quota.JpaQuotaRules;
import io.atrium.standins.postgres.PostgresStandIn;

/**
 * A real PostgreSQL with the ai schema migrated by Flyway, and the ai module's own persistence unit on EclipseLink
 * (Payara's JPA provider) with resource-local transactions in place of the container's JTA: each ledger operation
 * runs in an entity manager and transaction of its own, as {@code @Transactional(REQUIRES_NEW)} and the container's
 * transaction-scoped persistence context give it in Payara.
 */
public final class AiDatabase {

    private static AiDatabase shared;

    private final PostgresStandIn postgres;
    private final PGSimpleDataSource dataSource;
    private final EntityManagerFactory entityManagers;

    private AiDatabase(PostgresStandIn postgres, PGSimpleDataSource dataSource,
                           EntityManagerFactory entityManagers) {
        this.postgres = postgres;
        this.dataSource = dataSource;
        this.entityManagers = entityManagers;
    }

    /**
     * The one database of this test run, started and migrated at the first call; the tests empty it with
     * {@link #clear()} and the stand-in's shutdown hook removes it when the JVM ends.
     */
    public static synchronized AiDatabase get() {
        if (shared == null) {
            try {
                shared = start();
            } catch (IOException e) {
                throw new IllegalStateException("PostgreSQL stand-in did not start: " + e.getMessage(), e);
            }
        }
        return shared;
    }

    private static AiDatabase start() throws IOException {
        PostgresStandIn postgres = PostgresStandIn.ephemeral();
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(postgres.jdbcUrl());
        dataSource.setUser(postgres.user());
        dataSource.setPassword(postgres.password());
        new AiSchema().migrate(dataSource);
        Map<String, Object> properties = new HashMap<>();
        properties.put("jakarta.persistence.transactionType", "RESOURCE_LOCAL");
        properties.put("jakarta.persistence.jtaDataSource", null);
        properties.put("jakarta.persistence.nonJtaDataSource", dataSource);
        return new AiDatabase(postgres, dataSource, Persistence.createEntityManagerFactory("atrium-ai",
                properties));
    }

    /** The ledger as the ai module uses it. */
    public UsageLedger ledger() {
        return new UsageLedger() {
            @Override
            public void record(UsageRecord call) {
                inTransaction(em -> {
                    new JpaUsageLedger(em).record(call);
                    return null;
                });
            }

            @Override
            public Reservation reserve(UsageRecord pending, UsageRecord refusal, long dailyQuota) {
                return inTransaction(em -> new JpaUsageLedger(em).reserve(pending, refusal, dailyQuota));
            }

            @Override
            public void settle(long reservation, UsageRecord call) {
                inTransaction(em -> {
                    new JpaUsageLedger(em).settle(reservation, call);
                    return null;
                });
            }

            @Override
            public long tokensOn(String tenantId, String objectId, LocalDate day) {
                return inTransaction(em -> new JpaUsageLedger(em).tokensOn(tenantId, objectId, day));
            }

            @Override
            public List<DailyUsage> perDay(LocalDate from, LocalDate to) {
                return inTransaction(em -> new JpaUsageLedger(em).perDay(from, to));
            }

            @Override
            public List<UserUsage> topUsers(LocalDate from, LocalDate to, int limit) {
                return inTransaction(em -> new JpaUsageLedger(em).topUsers(from, to, limit));
            }

            @Override
            public List<DailyUsage> perDayOf(String tenantId, String objectId, LocalDate from, LocalDate to) {
                return inTransaction(em -> new JpaUsageLedger(em).perDayOf(tenantId, objectId, from, to));
            }

            @Override
            public List<DeploymentDay> perDayAndDeployment(LocalDate from, LocalDate to) {
                return inTransaction(em -> new JpaUsageLedger(em).perDayAndDeployment(from, to));
            }

            @Override
            public List<OutcomeDay> outcomesPerDay(LocalDate from, LocalDate to) {
                return inTransaction(em -> new JpaUsageLedger(em).outcomesPerDay(from, to));
            }

            @Override
            public List<FilterFinding> filterFindings(LocalDate from, LocalDate to, int limit) {
                return inTransaction(em -> new JpaUsageLedger(em).filterFindings(from, to, limit));
            }

            @Override
            public List<UsageRow> rows(LocalDate from, LocalDate to, int first, int count) {
                return inTransaction(em -> new JpaUsageLedger(em).rows(from, to, first, count));
            }
        };
    }

    /** The quota rules over {@code defaults} (role to daily tokens), each operation a transaction of its own. */
    public QuotaRules quotaRules(Map<String, Long> defaults) {
        return new QuotaRules() {
            @Override
            public long dailyQuotaOf(String tenantId, String objectId, Set<String> roles, Instant now) {
                return inTransaction(em -> new JpaQuotaRules(em, defaults).dailyQuotaOf(tenantId, objectId, roles,
                        now));
            }

            @Override
            public List<RoleQuota> roleQuotas() {
                return inTransaction(em -> new JpaQuotaRules(em, defaults).roleQuotas());
            }

            @Override
            public RoleQuota setRoleQuota(String role, long dailyTokens, String setBy, Instant at) {
                return inTransaction(em -> new JpaQuotaRules(em, defaults).setRoleQuota(role, dailyTokens, setBy,
                        at));
            }

            @Override
            public RoleQuota resetRoleQuota(String role) {
                return inTransaction(em -> new JpaQuotaRules(em, defaults).resetRoleQuota(role));
            }

            @Override
            public List<UserQuota> userOverrides(Instant now) {
                return inTransaction(em -> new JpaQuotaRules(em, defaults).userOverrides(now));
            }

            @Override
            public Optional<UserQuota> setUserOverride(UserQuota override) {
                return inTransaction(em -> new JpaQuotaRules(em, defaults).setUserOverride(override));
            }

            @Override
            public Optional<UserQuota> removeUserOverride(String tenantId, String objectId) {
                return inTransaction(em -> new JpaQuotaRules(em, defaults).removeUserOverride(tenantId, objectId));
            }
        };
    }

    public PGSimpleDataSource dataSource() {
        return dataSource;
    }

    /** Empties the ai module's tables between tests. */
    public void clear() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM ai_usage");
            statement.execute("DELETE FROM ai_conversation");
            statement.execute("DELETE FROM ai_role_quota");
            statement.execute("DELETE FROM ai_user_quota");
            statement.execute("DELETE FROM ai_answer_feedback");
        }
    }

    /** Runs {@code work} in an entity manager and transaction of its own, as a container-managed call would. */
    public <T> T inTransaction(Function<EntityManager, T> work) {
        EntityManager em = entityManagers.createEntityManager();
        try {
            em.getTransaction().begin();
            T result = work.apply(em);
            em.getTransaction().commit();
            return result;
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }
}
