package io.atrium.web.health;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

/**
 * Started once the settings have been checked and the schema migrated; until then Kubernetes holds back the liveness
 * probe, so a slow first migration is not mistaken for a hung process.
 */
@Startup
@ApplicationScoped
public class StartupCheck implements HealthCheck {

    private final HealthAnswer answer = new HealthAnswer("startup");

    @Inject
    StartupProgress progress;

    @Override
    public HealthCheckResponse call() {
        return answer.of(progress.isCompleted() ? Optional.empty()
                : Optional.of("settings check and schema migration not finished"));
    }
}
