package io.atrium.ai.internal.usage;

import java.util.OptionalLong;

/** What the quota check found: the caller's tokens today and, unless refused, the ledger row the call holds. */
public record Reservation(long usedToday, OptionalLong row) {

    static Reservation refused(long usedToday) {
        return new Reservation(usedToday, OptionalLong.empty());
    }

    static Reservation held(long usedToday, long row) {
        return new Reservation(usedToday, OptionalLong.of(row));
    }

    public boolean isRefused() {
        return row.isEmpty();
    }
}
