package io.atrium.web.startup;

import java.util.List;
import java.util.logging.Logger;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

import io.atrium.ai.AiSchema;
import io.atrium.audit.AuditMaintenance;
import io.atrium.audit.AuditSchema;
import io.atrium.web.health.StartupProgress;

/**
 * What must happen before Atrium serves its first request, in order: the settings are checked (all problems named in
 * one message), then each module's schema is migrated. A failure stops the deployment. A servlet listener rather than
 * a CDI start-up observer, because only here does Payara give the application's naming context ({@code java:app}).
 */
@WebListener
public class AtriumStartup implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(AtriumStartup.class.getName());

    @Inject
    ConfigurationCheck configuration;

    @Inject
    AuditSchema auditSchema;

    @Inject
    AiSchema aiSchema;

    @Inject
    AuditMaintenance auditMaintenance;

    @Inject
    StartupProgress startup;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        List<String> problems = configuration.problems();
        if (!problems.isEmpty()) {
            String message = "Atrium cannot start until these settings are fixed:\n  - " + String.join("\n  - ", problems);
            LOG.severe(message);
            throw new IllegalStateException(message);
        }
        auditSchema.migrate();
        aiSchema.migrate();
        auditMaintenance.start();
        startup.completed();
        LOG.info("Atrium started: settings checked, schema migrated");
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        auditMaintenance.stop();
    }
}
