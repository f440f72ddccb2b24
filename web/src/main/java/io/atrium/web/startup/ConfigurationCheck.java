package io.atrium.web.startup;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
        onBehalfOfContradiction(ai.callsOnBehalfOfEmployees(), identity.actsOnBehalfOfEmployees(),
                config.getOptionalValue("atrium.app-credential", String.class).orElse("")).ifPresent(problems::add);
        return problems;
    }

    /** Settings that are each right but cannot work together: the AI module asks for what identity cannot give. */
    static Optional<String> onBehalfOfContradiction(boolean aiCallsOnBehalfOfEmployees,
                                                     boolean appActsOnBehalfOfEmployees, String appCredential) {
        if (!aiCallsOnBehalfOfEmployees || appActsOnBehalfOfEmployees) {
            return Optional.empty();
        }
        return Optional.of("ATRIUM_AI_CREDENTIAL (atrium.ai.credential) is on-behalf-of, which exchanges each "
                + "employee's token with the app registration's own credential, but ATRIUM_APP_CREDENTIAL is "
                + appCredential + ", which cannot: choose client-secret, client-certificate or workload-identity, or "
                + "ATRIUM_AI_CREDENTIAL=entra");
    }
}
