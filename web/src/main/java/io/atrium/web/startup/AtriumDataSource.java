package io.atrium.web.startup;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Atrium's PostgreSQL database, configured from MicroProfile Config ({@code ATRIUM_DB_URL}, {@code ATRIUM_DB_USER},
 * {@code ATRIUM_DB_PASSWORD}). The modules' persistence units and migrations use it by this JNDI name.
 */
@DataSourceDefinition(
        name = "java:app/jdbc/atrium",
        className = "org.postgresql.ds.PGSimpleDataSource",
        url = "${MPCONFIG=atrium.db.url}",
        user = "${MPCONFIG=atrium.db.user}",
        password = "${MPCONFIG=atrium.db.password}",
        minPoolSize = 2,
        maxPoolSize = 32,
        properties = {
                "fish.payara.is-connection-validation-required=true",
                "fish.payara.connection-validation-method=auto-commit",
                "fish.payara.fail-all-connections=true"
        })
@ApplicationScoped
public class AtriumDataSource {
}
