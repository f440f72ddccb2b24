package io.atrium.audit.internal.retention;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.naming.InitialContext;
import javax.naming.NamingException;

import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.atrium.audit.AuditMaintenance;
import io.atrium.audit.internal.chain.ActionSeal;
import io.atrium.audit.internal.signin.BootstrapAdmins;

/** The user-audit module's settings check and scheduled retention purge, on the container's managed scheduler. */
@ApplicationScoped
public class ScheduledAuditMaintenance implements AuditMaintenance {

    private static final Logger LOG = Logger.getLogger(AuditMaintenance.class.getName());
    private static final String SCHEDULER = "java:comp/DefaultManagedScheduledExecutorService";

    private final int retentionDays;
    private final int purgeIntervalMinutes;
    private final LoginEventRetention retention;
    private final BootstrapAdmins bootstrapAdmins;
    private final ActionSeal actionSeal;
    private ScheduledFuture<?> purges;

    @Inject
    ScheduledAuditMaintenance(@ConfigProperty(name = "atrium.audit.login-event-retention-days") int retentionDays,
                            @ConfigProperty(name = "atrium.audit.purge-interval-minutes") int purgeIntervalMinutes,
                            LoginEventRetention retention, BootstrapAdmins bootstrapAdmins,
                            ActionSeal actionSeal) {
        this.retentionDays = retentionDays;
        this.purgeIntervalMinutes = purgeIntervalMinutes;
        this.retention = retention;
        this.bootstrapAdmins = bootstrapAdmins;
        this.actionSeal = actionSeal;
    }

    /** For CDI's proxy. */
    protected ScheduledAuditMaintenance() {
        this(0, 0, null, null, null);
    }

    @Override
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (retentionDays < 1) {
            problems.add("ATRIUM_AUDIT_LOGIN_EVENT_RETENTION_DAYS (atrium.audit.login-event-retention-days) must be "
                    + "at least 1, not " + retentionDays);
        }
        if (purgeIntervalMinutes < 1) {
            problems.add("ATRIUM_AUDIT_PURGE_INTERVAL_MINUTES (atrium.audit.purge-interval-minutes) must be at "
                    + "least 1, not " + purgeIntervalMinutes);
        }
        problems.addAll(bootstrapAdmins.problems());
        problems.addAll(actionSeal.problems());
        return problems;
    }

    @Override
    public synchronized void start() {
        try {
            ManagedScheduledExecutorService scheduler = InitialContext.doLookup(SCHEDULER);
            purges = scheduler.scheduleWithFixedDelay(this::purgeOldLoginEvents, 0, purgeIntervalMinutes,
                    TimeUnit.MINUTES);
        } catch (NamingException e) {
            throw new IllegalStateException("the container's managed scheduler " + SCHEDULER + " is missing: " + e, e);
        }
    }

    @Override
    public synchronized void stop() {
        if (purges != null) {
            purges.cancel(false);
        }
    }

    @Override
    public long purgeOldLoginEvents() {
        Instant cutoff = Instant.now().minus(Duration.ofDays(retentionDays));
        long purged = 0;
        try {
            int deleted;
            do {
                deleted = retention.purgeBatch(cutoff);
                purged += deleted;
            } while (deleted > 0);
            if (purged > 0) {
                retention.logPurge(cutoff, purged, retentionDays);
            }
            long total = purged;
            LOG.info(() -> "login-event retention: " + total + " events before " + cutoff + " purged");
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again: log, and try at the next interval.
            LOG.log(Level.WARNING, "login-event retention purge failed; next try in " + purgeIntervalMinutes
                    + " minutes", e);
        }
        return purged;
    }
}
