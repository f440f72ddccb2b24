package io.atrium.web.health;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import javax.sql.DataSource;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while PostgreSQL answers: every sign-in is recorded there, so without it no employee gets in. */
@Readiness
@ApplicationScoped
public class DatabaseCheck implements HealthCheck {

    private static final int VALIDATION_TIMEOUT_SECONDS = 2;

    private final HealthAnswer answer = new HealthAnswer("database");

    @Resource(lookup = "java:app/jdbc/atrium")
    DataSource database;

    @Override
    public HealthCheckResponse call() {
        return answer.of(problem());
    }

    private Optional<String> problem() {
        try (Connection connection = database.getConnection()) {
            return connection.isValid(VALIDATION_TIMEOUT_SECONDS) ? Optional.empty()
                    : Optional.of("PostgreSQL did not answer within " + VALIDATION_TIMEOUT_SECONDS + " s");
        } catch (SQLException | RuntimeException e) {
            return Optional.of(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
