package io.atrium.audit;

import java.util.List;

/**
 * The user-audit module's settings check (retention and {@code atrium.bootstrap-admins}) and its scheduled work: login
 * events older than {@code atrium.audit.login-event-retention-days} are purged at start-up and then every
 * {@code atrium.audit.purge-interval-minutes}, on the container's managed scheduler. Admin actions are never purged.
 */
public interface AuditMaintenance {

    /** The settings that are wrong, each as a sentence naming its environment variable. */
    List<String> problems();

    /** Schedules the purge. Call it once the schema is migrated, from a component with the naming context. */
    void start();

    void stop();

    /** Deletes, a batch at a time, every login event older than the retention period; returns how many. */
    long purgeOldLoginEvents();
}
