package io.atrium.audit;

import java.util.logging.Logger;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The user-audit tables, brought to the current version by Flyway. The module keeps its own history table so that
 * each module's migrations are numbered independently.
 */
@ApplicationScoped
public class AuditSchema {

    /** The application's data source, as the persistence unit names it. */
    static final String DATA_SOURCE = "java:app/jdbc/atrium";
    private static final Logger LOG = Logger.getLogger(AuditSchema.class.getName());

    /**
     * Applies the migrations not yet applied. Call it while the application starts, before it serves a request, from
     * a component that has the application's naming context (Payara binds {@code java:app} names for web components,
     * not during CDI's own bootstrap).
     */
    public void migrate() {
        migrate(dataSource());
    }

    /** Migrates the given database (the benchmark and the module's tests bring their own). */
    public static void migrate(DataSource dataSource) {
        MigrateResult result = Flyway.configure(AuditSchema.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration/audit")
                .table("flyway_history_user_audit")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
        LOG.info(() -> "user-audit schema at version " + result.targetSchemaVersion + " ("
                + result.migrationsExecuted + " migrations applied now)");
    }

    private static DataSource dataSource() {
        try {
            return InitialContext.doLookup(DATA_SOURCE);
        } catch (NamingException e) {
            throw new IllegalStateException("Atrium's data source " + DATA_SOURCE + " is not available: " + e, e);
        }
    }
}
