package io.atrium.audit.internal;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.Persistence;

import org.postgresql.ds.PGSimpleDataSource;

import io.atrium.audit.AuditSchema;
import io.atrium.standins.postgres.PostgresStandIn;

/**
 * A real PostgreSQL (the stand-in) migrated by the module's own Flyway scripts, and the module's persistence unit on
 * EclipseLink as Payara runs it, with local transactions in place of JTA. One server per test JVM; {@link #reset}
 * empties the tables between tests.
 */
public final class AuditDatabase {

    private static AuditDatabase shared;

    private final PostgresStandIn postgres;
    private final PGSimpleDataSource dataSource;
    private final EntityManagerFactory entityManagers;

    private AuditDatabase(PostgresStandIn postgres) {
        this.postgres = postgres;
        this.dataSource = new PGSimpleDataSource();
        dataSource.setURL(postgres.jdbcUrl());
        dataSource.setUser(postgres.user());
        dataSource.setPassword(postgres.password());
        AuditSchema.migrate(dataSource);
        Map<String, Object> properties = new HashMap<>();
        properties.put("jakarta.persistence.transactionType", "RESOURCE_LOCAL");
        properties.put("jakarta.persistence.jtaDataSource", "");
        properties.put("jakarta.persistence.nonJtaDataSource", dataSource);
        // One connection per transaction, reads included, as a JTA transaction in Payara has: otherwise EclipseLink
        // takes a fresh connection from the (unpooled) data source for each read before the first write.
        properties.put("eclipselink.transaction.join-existing", "true");
        this.entityManagers = Persistence.createEntityManagerFactory("atrium-audit", properties);
    }

    public static synchronized AuditDatabase get() {
        if (shared == null) {
            try {
                shared = new AuditDatabase(PostgresStandIn.ephemeral());
            } catch (IOException e) {
                throw new IllegalStateException("PostgreSQL stand-in did not start: " + e.getMessage(), e);
            }
        }
        return shared;
    }

    public PGSimpleDataSource dataSource() {
        return dataSource;
    }

    public PostgresStandIn postgres() {
        return postgres;
    }

    /** Runs {@code work} in one transaction of its own EntityManager, as a JTA method would. */
    public <T> T inTransaction(Function<EntityManager, T> work) {
        EntityManager entityManager = entityManagers.createEntityManager();
        EntityTransaction transaction = entityManager.getTransaction();
        transaction.begin();
        try {
            T result = work.apply(entityManager);
            transaction.commit();
            return result;
        } finally {
            if (transaction.isActive()) {
                transaction.rollback();
            }
            entityManager.close();
        }
    }

    public void run(Consumer<EntityManager> work) {
        inTransaction(entityManager -> {
            work.accept(entityManager);
            return null;
        });
    }

    /** Empties every table; the admin-action log's guard is lifted for it, as only the owner can. */
    public void reset() {
        sql("ALTER TABLE admin_action DISABLE TRIGGER admin_action_no_truncate",
                "TRUNCATE admin_action, login_event, role_grant, user_identity, app_user",
                "ALTER TABLE admin_action ENABLE TRIGGER admin_action_no_truncate");
    }

    public void sql(String... statements) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    public long count(String sql) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             var result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
