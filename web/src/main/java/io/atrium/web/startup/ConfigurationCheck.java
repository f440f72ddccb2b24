package io.atrium.web.startup;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;

import io.atrium.ai.AiConfiguration;
import io.atrium.audit.AuditMaintenance;
import io.atrium.identity.IdentityConfiguration;
import io.atrium.web.logging.LogFormatInstaller;

/** Collects every missing or contradictory setting of the whole application, so an operator fixes them all at once. */
@ApplicationScoped
public class ConfigurationCheck {

    @Inject
    Config config;

    @Inject
    IdentityConfiguration identity;

    @Inject
    AiConfiguration ai;

    @Inject
    AuditMaintenance audit;

    List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (String key : List.of("atrium.db.url", "atrium.db.user", "atrium.db.password")) {
            if (config.getOptionalValue(key, String.class).filter(value -> !value.isBlank()).isEmpty()) {
                problems.add(key.toUpperCase().replace('.', '_') + " (" + key + ") is not set");
            }
        }
        String logFormat = config.getOptionalValue("atrium.log.format", String.class).orElse(LogFormatInstaller.TEXT).strip();
        if (!logFormat.equalsIgnoreCase(LogFormatInstaller.TEXT) && !logFormat.equalsIgnoreCase(LogFormatInstaller.JSON)) {
            problems.add("ATRIUM_LOG_FORMAT (atrium.log.format) must be text or json, not '" + logFormat + "'");
        }
        problems.addAll(identity.problems());
        problems.addAll(ai.problems());
        problems.addAll(audit.problems());
        return problems;
    }
}
