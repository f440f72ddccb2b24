package io.atrium.audit.internal.schema;

import java.util.logging.Logger;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the user-audit tables to the current version while the application starts, before it serves a request.
 * The module keeps its own history table so that each module's migrations are numbered independently.
 */
@ApplicationScoped
public class AuditSchemaMigration {

    private static final Logger LOG = Logger.getLogger(AuditSchemaMigration.class.getName());

    @Resource(lookup = "java:app/jdbc/atrium")
    DataSource dataSource;

    void migrate(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        MigrateResult result = Flyway.configure(AuditSchemaMigration.class.getClassLoader())
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
}
