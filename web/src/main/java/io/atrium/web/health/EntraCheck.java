package io.atrium.web.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.atrium.identity.EntraReachability;

/** Ready only while Entra ID's metadata and signing keys can be read: without them nobody signs in or calls the API. */
@Readiness
@ApplicationScoped
public class EntraCheck implements HealthCheck {

    private final HealthAnswer answer = new HealthAnswer("entra-id");

    @Inject
    EntraReachability entra;

    @Override
    public HealthCheckResponse call() {
        return answer.of(entra.problem());
    }
}
