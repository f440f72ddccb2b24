package io.atrium.audit;

import java.time.Instant;
import java.util.Locale;

/**
 * A page of the users list: filters (each optional), one sort key and the window, built with {@link #builder()}.
 * Text filters match anywhere in the name (display name or user name) or e-mail, ignoring case.
 */
public final class UserQuery {

    public static final int MAX_LIMIT = 200;

    /** The columns a page may be sorted by; each has an index. */
    public enum Sort {
        NAME, USERNAME, EMAIL, STATUS, LAST_SIGN_IN
    }

    /** A user's standing, as {@link UserView#status()} writes it. */
    public enum Status {
        ACTIVE, DISABLED;

        /** {@code active} or {@code disabled}; blank or null is no filter. */
        public static Status parse(String status) {
            if (status == null || status.isBlank()) {
                return null;
            }
            return switch (status.strip().toLowerCase(Locale.ROOT)) {
                case "active" -> ACTIVE;
                case "disabled" -> DISABLED;
                default -> throw new AdministrationRefused(AdministrationRefused.Kind.INVALID,
                        "status must be 'active' or 'disabled'");
            };
        }

        /** As stored and shown: {@code active}, {@code disabled}. */
        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final String name;
    private final String email;
    private final Status status;
    private final String role;
    private final Instant signedInFrom;
    private final Instant signedInBefore;
    private final Sort sort;
    private final boolean descending;
    private final int offset;
    private final int limit;

    private UserQuery(Builder builder) {
        this.name = builder.name;
        this.email = builder.email;
        this.status = builder.status;
        this.role = builder.role;
        this.signedInFrom = builder.signedInFrom;
        this.signedInBefore = builder.signedInBefore;
        this.sort = builder.sort;
        this.descending = builder.descending;
        this.offset = builder.offset;
        this.limit = builder.limit;
    }

    /** All users by name, the first {@value #MAX_LIMIT} unless {@link Builder#page} says otherwise. */
    public static Builder builder() {
        return new Builder();
    }

    public static UserQuery firstPage(int limit) {
        return builder().page(0, limit).build();
    }

    public String name() {
        return name;
    }

    public String email() {
        return email;
    }

    /** Null: any status. */
    public Status status() {
        return status;
    }

    public String role() {
        return role;
    }

    public Instant signedInFrom() {
        return signedInFrom;
    }

    public Instant signedInBefore() {
        return signedInBefore;
    }

    public Sort sort() {
        return sort;
    }

    public boolean descending() {
        return descending;
    }

    public int offset() {
        return offset;
    }

    public int limit() {
        return limit;
    }

    /** Each setter takes null as "no filter"; {@link #build} checks the whole query. */
    public static final class Builder {

        private String name;
        private String email;
        private Status status;
        private String role;
        private Instant signedInFrom;
        private Instant signedInBefore;
        private Sort sort = Sort.NAME;
        private boolean descending;
        private int offset;
        private int limit = MAX_LIMIT;

        private Builder() {
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder email(String email) {
            this.email = email;
            return this;
        }

        public Builder status(Status status) {
            this.status = status;
            return this;
        }

        public Builder role(String role) {
            this.role = role;
            return this;
        }

        /** Last sign-in at or after {@code from} and before {@code before}; either may be null. */
        public Builder signedIn(Instant from, Instant before) {
            this.signedInFrom = from;
            this.signedInBefore = before;
            return this;
        }

        /** Null sorts by name. */
        public Builder sort(Sort sort, boolean descending) {
            this.sort = sort == null ? Sort.NAME : sort;
            this.descending = descending;
            return this;
        }

        public Builder page(int offset, int limit) {
            this.offset = offset;
            this.limit = limit;
            return this;
        }

        /** @throws AdministrationRefused (INVALID) for a window or sign-in range that makes no sense */
        public UserQuery build() {
            if (offset < 0) {
                throw new AdministrationRefused(AdministrationRefused.Kind.INVALID, "offset must not be negative");
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new AdministrationRefused(AdministrationRefused.Kind.INVALID,
                        "limit must be between 1 and " + MAX_LIMIT);
            }
            if (signedInFrom != null && signedInBefore != null && !signedInFrom.isBefore(signedInBefore)) {
                throw new AdministrationRefused(AdministrationRefused.Kind.INVALID,
                        "the sign-in range must start before it ends");
            }
            return new UserQuery(this);
        }
    }
}
