package io.atrium.web.health;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * A check's public answer: its name and UP or DOWN, nothing more, because the health endpoints answer anyone who asks
 * (Kubernetes' probes carry no credentials). Why a check is DOWN goes to the log, once when it goes DOWN and once when
 * it comes back, rather than at every probe.
 */
final class HealthAnswer {

    private static final Logger LOG = Logger.getLogger(HealthAnswer.class.getName());

    private final String name;
    private final AtomicReference<Boolean> wasUp = new AtomicReference<>();

    HealthAnswer(String name) {
        this.name = name;
    }

    HealthCheckResponse of(Optional<String> problem) {
        boolean up = problem.isEmpty();
        Boolean before = wasUp.getAndSet(up);
        if (!up && !Boolean.FALSE.equals(before)) {
            LOG.warning(() -> "health check " + name + " is DOWN: " + problem.get());
        } else if (up && Boolean.FALSE.equals(before)) {
            LOG.info(() -> "health check " + name + " is UP again");
        }
        return HealthCheckResponse.named(name).status(up).build();
    }
}
