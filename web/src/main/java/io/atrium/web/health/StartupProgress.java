package io.atrium.web.health;

import jakarta.enterprise.context.ApplicationScoped;

/** Whether everything before the first request has been done; {@code AtriumStartup} says so when it has. */
@ApplicationScoped
public class StartupProgress {

    private volatile boolean completed;

    public void completed() {
        completed = true;
    }

    boolean isCompleted() {
        return completed;
    }
}
