package io.atrium.audit;

import java.time.Instant;

/**
 * A page of the users list: filters (each optional), one sort key and the window. Text filters match anywhere in the
 * name (display name or user name) or e-mail, ignoring case.
 */
public record UserQuery(String name, String email, String status, String role, Instant signedInFrom,
                        Instant signedInBefore, Sort sort, boolean descending, int offset, int limit) {

    public static final int MAX_LIMIT = 200;

    /** The columns a page may be sorted by; each has an index. */
    public enum Sort {
        NAME, USERNAME, EMAIL, STATUS, LAST_SIGN_IN
    }

    public UserQuery {
        if (offset < 0) {
            throw new AdministrationRefused(AdministrationRefused.Kind.INVALID, "offset must not be negative");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new AdministrationRefused(AdministrationRefused.Kind.INVALID,
                    "limit must be between 1 and " + MAX_LIMIT);
        }
        if (status != null && !status.isBlank() && !status.equals("active") && !status.equals("disabled")) {
            throw new AdministrationRefused(AdministrationRefused.Kind.INVALID, "status must be 'active' or 'disabled'");
        }
        if (signedInFrom != null && signedInBefore != null && !signedInFrom.isBefore(signedInBefore)) {
            throw new AdministrationRefused(AdministrationRefused.Kind.INVALID,
                    "the sign-in range must start before it ends");
        }
        sort = sort == null ? Sort.NAME : sort;
    }

    public static UserQuery firstPage(int limit) {
        return new UserQuery(null, null, null, null, null, null, Sort.NAME, false, 0, limit);
    }
}
