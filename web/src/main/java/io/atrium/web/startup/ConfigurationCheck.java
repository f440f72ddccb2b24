package io.atrium.web.startup;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.Config;

import io.atrium.ai.AiConfiguration;
import io.atrium.identity.IdentityConfiguration;

/**
 * Stops the deployment when settings are missing or contradict each other, naming all of them in one message, so an
 * operator fixes the environment once instead of once per failed start. Runs before any other start-up work.
 */
@ApplicationScoped
public class ConfigurationCheck {

    private static final Logger LOG = Logger.getLogger(ConfigurationCheck.class.getName());

    void check(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) @Initialized(ApplicationScoped.class) Object started,
               Config config, IdentityConfiguration identity, AiConfiguration ai) {
        List<String> problems = new ArrayList<>();
        for (String key : List.of("atrium.db.url", "atrium.db.user", "atrium.db.password")) {
            if (config.getOptionalValue(key, String.class).filter(value -> !value.isBlank()).isEmpty()) {
                problems.add(key.toUpperCase().replace('.', '_') + " (" + key + ") is not set");
            }
        }
        problems.addAll(identity.problems());
        problems.addAll(ai.problems());
        if (!problems.isEmpty()) {
            String message = "Atrium cannot start until these settings are fixed:\n  - " + String.join("\n  - ", problems);
            LOG.severe(message);
            throw new IllegalStateException(message);
        }
        LOG.info("configuration checked: all settings present");
    }
}
