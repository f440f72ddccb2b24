package io.atrium.ai;

import java.util.logging.Logger;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The ai module's tables (the usage ledger), brought to the current version by Flyway, with a history table of its
 * own so that each module's migrations are numbered independently.
 */
@ApplicationScoped
public class AiSchema {

    /** The application's data source, as the persistence unit names it. */
    static final String DATA_SOURCE = "java:app/jdbc/atrium";
    private static final Logger LOG = Logger.getLogger(AiSchema.class.getName());

    /**
     * Applies the migrations not yet applied. Call it while the application starts, before it serves a request, from
     * a component that has the application's naming context (Payara binds {@code java:app} names for web components,
     * not during CDI's own bootstrap).
     */
    public void migrate() {
        migrate(dataSource());
    }

    /** Applies the migrations to {@code dataSource}. */
    public void migrate(DataSource dataSource) {
        MigrateResult result = Flyway.configure(AiSchema.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration/ai")
                .table("flyway_history_ai")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
        LOG.info(() -> "ai schema at version " + result.targetSchemaVersion + " (" + result.migrationsExecuted
                + " migrations applied now)");
    }

    private static DataSource dataSource() {
        try {
            return InitialContext.doLookup(DATA_SOURCE);
        } catch (NamingException e) {
            throw new IllegalStateException("Atrium's data source " + DATA_SOURCE + " is not available: " + e, e);
        }
    }
}
