package io.atrium.audit.internal.chain;

import io.atrium.audit.AdministrationRefused;

/** The reason an administrator gives for a change: required, and short enough to read in the log. */
public final class ActionReason {

    private static final int MAX_LENGTH = 500;

    private ActionReason() {
    }

    public static String checked(String reason) {
        String trimmed = reason == null ? "" : reason.strip();
        if (trimmed.isEmpty()) {
            throw new AdministrationRefused(AdministrationRefused.Kind.INVALID, "Give a reason: it is kept in the "
                    + "admin-action log.");
        }
        if (trimmed.length() > MAX_LENGTH) {
            throw new AdministrationRefused(AdministrationRefused.Kind.INVALID, "The reason is too long (at most "
                    + MAX_LENGTH + " characters).");
        }
        return trimmed;
    }
}
