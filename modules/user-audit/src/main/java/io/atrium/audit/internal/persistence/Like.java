package io.atrium.audit.internal.persistence;

import java.util.Locale;

/** LIKE patterns for "contains, ignoring case", escaped with {@link #ESCAPE}. */
public final class Like {

    public static final char ESCAPE = '\\';

    private Like() {
    }

    /** A pattern matching {@code text} anywhere in a lower-cased value, its own %, _ and \ taken literally. */
    public static String containing(String text) {
        return "%" + text.strip().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                .replace("_", "\\_") + "%";
    }
}
