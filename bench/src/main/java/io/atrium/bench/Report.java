package io.atrium.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The table the benchmark prints: medians over the rounds, and ratios against the baseline of the same rounds. */
final class Report {

    private static final double API_TARGET = 0.80;

    private final Map<Bench.Endpoint, List<Wrk.Result>> results;
    private final int rounds;

    Report(Map<Bench.Endpoint, List<Wrk.Result>> results, int rounds) {
        this.results = results;
        this.rounds = rounds;
    }

    /**
     * @param atrium the bearer-protected GET whose ratio the API target is about
     * @param floor  the same GET behind a mechanism that does no work: the most any mechanism can reach
     */
    void print(List<Bench.Endpoint> endpoints, Bench.Endpoint atrium, Bench.Endpoint floor, int seconds,
               int warmupSeconds) {
        System.out.println();
        System.out.printf(Locale.ROOT, "API auth overhead (wrk, loopback, %d rounds of %d s after %d s warm-up; "
                + "medians)%n", rounds, seconds, warmupSeconds);
        System.out.printf(Locale.ROOT, "| %-48s | %9s | %8s | %8s | %11s | %17s | %13s |%n", "endpoint", "req/s",
                "p50 ms", "p99 ms", "CPU us/req", "ratio to baseline", "by CPU/req");
        System.out.println("|" + "-".repeat(50) + "|" + "-".repeat(11) + "|" + "-".repeat(10) + "|" + "-".repeat(10)
                + "|" + "-".repeat(13) + "|" + "-".repeat(19) + "|" + "-".repeat(15) + "|");
        for (Bench.Endpoint endpoint : endpoints) {
            List<Wrk.Result> runs = results.get(endpoint);
            boolean baseline = endpoint.baseline() == null;
            System.out.printf(Locale.ROOT, "| %-48s | %9.0f | %8.2f | %8.2f | %11.1f | %17s | %13s |%n",
                    endpoint.name(), median(runs, Wrk.Result::requestsPerSecond),
                    median(runs, Wrk.Result::medianMillis), median(runs, Wrk.Result::p99Millis),
                    median(runs, Wrk.Result::serverCpuMicrosPerRequest),
                    baseline ? "1 (baseline)" : String.format(Locale.ROOT, "%.2f", ratio(endpoint, endpoint.baseline())),
                    baseline ? "1 (baseline)" : String.format(Locale.ROOT, "%.2f",
                            cpuRatio(endpoint, endpoint.baseline())));
        }
        double api = ratio(atrium, atrium.baseline());
        System.out.printf(Locale.ROOT, "%nAtrium's bearer-protected GET at %.2f of the unsecured one (target >= %.2f): "
                + "%s%n", api, API_TARGET, api >= API_TARGET ? "met" : "MISSED");
        System.out.printf(Locale.ROOT, "By server CPU per request: Atrium %.2f, a Jakarta Security mechanism doing no "
                + "work %.2f (the floor for any mechanism on this Payara); Atrium at %.2f of that floor.%n",
                cpuRatio(atrium, atrium.baseline()), cpuRatio(floor, floor.baseline()), cpuRatio(atrium, floor));
    }

    /** The median over the rounds of each round's ratio, so that a noisy round moves both sides of its ratio. */
    private double ratio(Bench.Endpoint endpoint, Bench.Endpoint baseline) {
        return medianRoundRatio(endpoint, baseline, Wrk.Result::requestsPerSecond);
    }

    /**
     * The same kind of ratio from the server's CPU time per request (baseline's over the endpoint's): what the ratio
     * of throughputs would be if the server had the CPUs to itself, so it moves less when other processes compete.
     */
    private double cpuRatio(Bench.Endpoint endpoint, Bench.Endpoint baseline) {
        return medianRoundRatio(baseline, endpoint, Wrk.Result::serverCpuMicrosPerRequest);
    }

    private double medianRoundRatio(Bench.Endpoint numerator, Bench.Endpoint denominator,
                                    ToDoubleFunction<Wrk.Result> value) {
        List<Wrk.Result> above = results.get(numerator);
        List<Wrk.Result> below = results.get(denominator);
        double[] ratios = new double[above.size()];
        for (int round = 0; round < ratios.length; round++) {
            ratios[round] = value.applyAsDouble(above.get(round)) / value.applyAsDouble(below.get(round));
        }
        Arrays.sort(ratios);
        return ratios[ratios.length / 2];
    }

    private static double median(List<Wrk.Result> runs, ToDoubleFunction<Wrk.Result> value) {
        return runs.stream().mapToDouble(value).sorted().skip(runs.size() / 2).findFirst().orElse(Double.NaN);
    }
}
