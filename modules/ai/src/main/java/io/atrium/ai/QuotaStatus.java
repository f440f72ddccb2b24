package io.atrium.ai;

/** A caller's tokens today (UTC) against the daily quota their roles give them. */
public record QuotaStatus(long usedToday, long dailyQuota) {

    public long remaining() {
        return Math.max(0, dailyQuota - usedToday);
    }

    public boolean exhausted() {
        return usedToday >= dailyQuota;
    }
}
