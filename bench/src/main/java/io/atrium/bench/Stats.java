package io.atrium.bench;

import java.util.Arrays;

/** Order statistics of a sample: nearest-rank percentiles, the way latency percentiles are usually reported. */
final class Stats {

    private Stats() {
    }

    /** The median; for an even count, the mean of the two middle values. */
    static double median(double[] sample) {
        double[] sorted = sorted(sample);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /**
     * The nearest-rank percentile: the smallest value with at least {@code percent}% of the sample at or below it, so
     * p95 of 20 values is the 19th, and p100 the largest.
     */
    static double percentile(double[] sample, double percent) {
        if (percent <= 0 || percent > 100) {
            throw new IllegalArgumentException("a percentile is in (0, 100], not " + percent);
        }
        double[] sorted = sorted(sample);
        int rank = (int) Math.ceil(percent / 100 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    private static double[] sorted(double[] sample) {
        if (sample.length == 0) {
            throw new IllegalArgumentException("no values to take a statistic of");
        }
        double[] sorted = sample.clone();
        Arrays.sort(sorted);
        return sorted;
    }
}
