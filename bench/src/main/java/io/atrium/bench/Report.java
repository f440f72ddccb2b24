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
        System.out.printf(Locale.ROOT, "| %-48s | %9s | %8s | %8s | %17s |%n", "endpoint", "req/s", "p50 ms",
                "p99 ms", "ratio to baseline");
        System.out.println("|" + "-".repeat(50) + "|" + "-".repeat(11) + "|" + "-".repeat(10) + "|" + "-".repeat(10)
                + "|" + "-".repeat(19) + "|");
        for (Bench.Endpoint endpoint : endpoints) {
            List<Wrk.Result> runs = results.get(endpoint);
            String ratio = endpoint.baseline() == null ? "1 (baseline)"
                    : String.format(Locale.ROOT, "%.2f", ratio(endpoint, endpoint.baseline()));
            System.out.printf(Locale.ROOT, "| %-48s | %9.0f | %8.2f | %8.2f | %17s |%n", endpoint.name(),
                    median(runs, Wrk.Result::requestsPerSecond), median(runs, Wrk.Result::medianMillis),
                    median(runs, Wrk.Result::p99Millis), ratio);
        }
        double api = ratio(atrium, atrium.baseline());
        System.out.printf(Locale.ROOT, "%nAtrium's bearer-protected GET at %.2f of the unsecured one (target >= %.2f): "
                + "%s%n", api, API_TARGET, api >= API_TARGET ? "met" : "MISSED");
        System.out.printf(Locale.ROOT, "A Jakarta Security mechanism doing no work reaches %.2f of it; Atrium's GET is "
                + "at %.2f of that floor.%n", ratio(floor, floor.baseline()), ratio(atrium, floor));
    }

    /** The median over the rounds of each round's ratio, so that a noisy round moves both sides of its ratio. */
    private double ratio(Bench.Endpoint endpoint, Bench.Endpoint baseline) {
        List<Wrk.Result> measured = results.get(endpoint);
        List<Wrk.Result> base = results.get(baseline);
        double[] ratios = new double[measured.size()];
        for (int round = 0; round < ratios.length; round++) {
            ratios[round] = measured.get(round).requestsPerSecond() / base.get(round).requestsPerSecond();
        }
        Arrays.sort(ratios);
        return ratios[ratios.length / 2];
    }

    private static double median(List<Wrk.Result> runs, ToDoubleFunction<Wrk.Result> value) {
        return runs.stream().mapToDouble(value).sorted().skip(runs.size() / 2).findFirst().orElse(Double.NaN);
    }
}
