package io.atrium.identity.internal.security;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How long a browser session lasts: ended after a spell of inactivity, and in any case after a maximum lifetime; its
 * access token is refreshed shortly before it expires.
 */
@ApplicationScoped
public class SessionSettings {

    private final int idleTimeoutMinutes;
    private final int maxLifetimeMinutes;
    private final int refreshMarginSeconds;

    @Inject
    public SessionSettings(@ConfigProperty(name = "atrium.session.idle-timeout-minutes") int idleTimeoutMinutes,
                           @ConfigProperty(name = "atrium.session.max-lifetime-minutes") int maxLifetimeMinutes,
                           @ConfigProperty(name = "atrium.session.token-refresh-margin-seconds") int refreshMarginSeconds) {
        this.idleTimeoutMinutes = idleTimeoutMinutes;
        this.maxLifetimeMinutes = maxLifetimeMinutes;
        this.refreshMarginSeconds = refreshMarginSeconds;
    }

    /** For CDI's proxy. */
    protected SessionSettings() {
        this(0, 0, 0);
    }

    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (idleTimeoutMinutes < 1) {
            problems.add("ATRIUM_SESSION_IDLE_TIMEOUT_MINUTES (atrium.session.idle-timeout-minutes) must be at least 1");
        }
        if (maxLifetimeMinutes < idleTimeoutMinutes) {
            problems.add("ATRIUM_SESSION_MAX_LIFETIME_MINUTES (atrium.session.max-lifetime-minutes) must not be shorter "
                    + "than the idle timeout");
        }
        if (refreshMarginSeconds < 0) {
            problems.add("ATRIUM_SESSION_TOKEN_REFRESH_MARGIN_SECONDS (atrium.session.token-refresh-margin-seconds) "
                    + "must not be negative");
        }
        return problems;
    }

    int idleTimeoutSeconds() {
        return idleTimeoutMinutes * 60;
    }

    /** How long before its expiry the access token is refreshed. */
    Duration refreshMargin() {
        return Duration.ofSeconds(refreshMarginSeconds);
    }

    /** True once a session signed in at {@code signedInAt} has lived its maximum lifetime, however active it was. */
    boolean outlived(Instant signedInAt, Instant now) {
        return !signedInAt.plus(Duration.ofMinutes(maxLifetimeMinutes)).isAfter(now);
    }
}
