package io.atrium.bench;

/**
 * How long and how hard the benchmarks run, from system properties (bench/README.md): {@code bench.warmup-seconds}
 * (120), {@code bench.seconds} per measurement (15), {@code bench.rounds} (3).
 *
 * @param warmupSeconds load before measuring, per benchmark: the JIT keeps improving for about two minutes on 2 cores
 * @param seconds       one measurement
 * @param rounds        measurements per figure; the median is reported
 */
record Settings(int warmupSeconds, int seconds, int rounds) {

    static Settings fromSystemProperties() {
        return new Settings(Integer.getInteger("bench.warmup-seconds", 120), Integer.getInteger("bench.seconds", 15),
                Integer.getInteger("bench.rounds", 3));
    }
}
