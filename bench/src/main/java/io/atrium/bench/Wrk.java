package io.atrium.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load from a second process on loopback with wrk (Debian's package), as ../shared/RUNTIME-FACTS.md measured its
 * baselines: {@code wrk -t2 -c32 --latency}.
 */
final class Wrk {

    private static final Pattern REQUESTS_PER_SECOND = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");
    private static final Pattern MEDIAN = Pattern.compile("\\s50%\\s+([0-9.]+)(us|ms|s)");
    private static final Pattern P99 = Pattern.compile("\\s99%\\s+([0-9.]+)(us|ms|s)");
    private static final Pattern NOT_OK = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern SOCKET_ERRORS = Pattern.compile("Socket errors: (.*)");

    private final int threads;
    private final int connections;

    Wrk(int threads, int connections) {
        this.threads = threads;
        this.connections = connections;
    }

    /** wrk on this machine, installed from Debian's packages when missing and allowed (root). */
    static void requireInstalled() throws IOException, InterruptedException {
        if (Files.isExecutable(Path.of("/usr/bin/wrk"))) {
            return;
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException("wrk is missing: install it with 'sudo apt-get install -y wrk'");
        }
        Process apt = new ProcessBuilder("apt-get", "install", "-y", "-q", "wrk").inheritIO().start();
        if (apt.waitFor() != 0) {
            throw new IllegalStateException("apt-get install wrk failed");
        }
    }

    /**
     * Runs wrk for the given seconds against one URL.
     *
     * @throws IllegalStateException when any answer was not 2xx/3xx or a socket failed: a benchmark of errors measures
     *                               nothing
     */
    Result run(String url, Map<String, String> headers, int seconds) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/wrk", "-t" + threads, "-c" + connections,
                "-d" + seconds + "s", "--latency", "--timeout", "10s"));
        headers.forEach((name, value) -> command.addAll(List.of("-H", name + ": " + value)));
        command.add(url);
        Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!wrk.waitFor(seconds + 60L, TimeUnit.SECONDS) || wrk.exitValue() != 0) {
            throw new IllegalStateException("wrk failed against " + url + ":\n" + output);
        }
        Matcher notOk = NOT_OK.matcher(output);
        Matcher socketErrors = SOCKET_ERRORS.matcher(output);
        if (notOk.find() || socketErrors.find()) {
            throw new IllegalStateException("errors under load at " + url + ":\n" + output);
        }
        return new Result(number(REQUESTS_PER_SECOND, output, url), millis(MEDIAN, output, url),
                millis(P99, output, url), (long) number(REQUESTS, output, url), Double.NaN);
    }

    private static double number(Pattern pattern, String output, String url) {
        Matcher matcher = pattern.matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException("cannot read wrk's output for " + url + ":\n" + output);
        }
        return Double.parseDouble(matcher.group(1));
    }

    private static double millis(Pattern pattern, String output, String url) {
        Matcher matcher = pattern.matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException("cannot read wrk's latency for " + url + ":\n" + output);
        }
        double value = Double.parseDouble(matcher.group(1));
        return switch (matcher.group(2)) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
        };
    }

    /**
     * One wrk run: throughput, median and 99th percentile latency in milliseconds, the number of requests, and the
     * server's CPU time per request in microseconds when it was measured (NaN otherwise).
     */
    record Result(double requestsPerSecond, double medianMillis, double p99Millis, long requests,
                  double serverCpuMicrosPerRequest) {

        /** This run, with the CPU time the server spent on it. */
        Result withServerCpu(Duration cpu) {
            return new Result(requestsPerSecond, medianMillis, p99Millis, requests,
                    cpu.toNanos() / 1000.0 / Math.max(1, requests));
        }
    }
}
