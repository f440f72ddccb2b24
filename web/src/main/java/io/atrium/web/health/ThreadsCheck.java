package io.atrium.web.health;

import java.lang.management.ManagementFactory;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Alive unless threads are deadlocked: that is a state only a restart ends. A peer being down is not (readiness says
 * so), since restarting Atrium would not bring PostgreSQL or Entra back.
 */
@Liveness
@ApplicationScoped
public class ThreadsCheck implements HealthCheck {

    private final HealthAnswer answer = new HealthAnswer("threads");

    @Override
    public HealthCheckResponse call() {
        long[] deadlocked = ManagementFactory.getThreadMXBean().findDeadlockedThreads();
        return answer.of(deadlocked == null ? Optional.empty()
                : Optional.of(deadlocked.length + " threads are deadlocked"));
    }
}
