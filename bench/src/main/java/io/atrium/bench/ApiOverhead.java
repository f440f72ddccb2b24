package io.atrium.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

import io.atrium.standins.entra.DemoAccount;
import io.atrium.standins.entra.EntraStandIn;

/**
 * Item 1, API auth overhead: wrk against Atrium's bearer-protected {@code GET /api/v1/me} and a public page, each
 * against the same kind of endpoint in a WAR without security on the same Payara Micro, and Payara's own MP-JWT
 * mechanism for comparison, and a floor WAR: the baseline behind a Jakarta Security mechanism that does no work, the
 * most any mechanism on this Payara can reach. The ratio is the median of the per-round ratios, by throughput and by
 * the server's CPU time per request.
 */
final class ApiOverhead {

    private static final double TARGET = 0.80;

    private final Settings settings;
    private final Wrk wrk = new Wrk(Integer.getInteger("bench.threads", 2), Integer.getInteger("bench.connections", 32));

    ApiOverhead(Settings settings) {
        this.settings = settings;
    }

    /** @param serverCpu the CPU time Payara has used so far, read before and after each load */
    List<Figure> run(String base, EntraStandIn entra, String erinsToken, Supplier<Duration> serverCpu)
            throws IOException, InterruptedException {
        Wrk.requireInstalled();
        Endpoint api = new Endpoint("JAX-RS GET, WAR without security", base + "/baseline/api/v1/me", Map.of(), null,
                false);
        Endpoint page = new Endpoint("static page, WAR without security", base + "/baseline/page.html", Map.of(),
                null, false);
        Endpoint atrium = new Endpoint("GET /api/v1/me, Entra bearer token", base + "/api/v1/me",
                Map.of("Authorization", "Bearer " + erinsToken), api, true);
        Endpoint floor = new Endpoint("floor WAR: same GET, a mechanism doing no work", base + "/floor/api/v1/me",
                Map.of("Authorization", "Bearer anything"), api, false);
        List<Endpoint> endpoints = List.of(api, atrium,
                new Endpoint("Payara MP-JWT WAR: same GET, @RolesAllowed", base + "/mpjwt/api/v1/me",
                        Map.of("Authorization", "Bearer " + mpJwtToken(entra)), api, false),
                floor,
                page,
                new Endpoint("public static page", base + "/signed-out.html", Map.of(), page, false),
                new Endpoint("floor WAR: static page, same mechanism", base + "/floor/page.html", Map.of(), page,
                        false));
        for (Endpoint endpoint : endpoints) {
            requireOk(endpoint);
        }
        int each = Math.max(1, settings.warmupSeconds() / endpoints.size());
        System.out.printf(Locale.ROOT, "[bench] api: warming up for %d s (%d s per endpoint)%n",
                each * endpoints.size(), each);
        for (Endpoint endpoint : endpoints) {
            wrk.run(endpoint.url(), endpoint.headers(), each);
        }
        Map<Endpoint, List<Wrk.Result>> results = new LinkedHashMap<>();
        for (int round = 1; round <= settings.rounds(); round++) {
            for (Endpoint endpoint : endpoints) {
                Duration cpuBefore = serverCpu.get();
                Wrk.Result result = wrk.run(endpoint.url(), endpoint.headers(), settings.seconds())
                        .withServerCpu(serverCpu.get().minus(cpuBefore));
                System.out.printf(Locale.ROOT, "[bench] api: round %d %-46s %9.0f req/s %7.1f us CPU/req%n", round,
                        endpoint.name(), result.requestsPerSecond(), result.serverCpuMicrosPerRequest());
                results.computeIfAbsent(endpoint, key -> new ArrayList<>()).add(result);
            }
        }
        List<Figure> figures = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            if (endpoint.baseline() == null) {
                continue;
            }
            double ratio = medianRatio(results.get(endpoint), results.get(endpoint.baseline()));
            boolean held = endpoint.heldToTarget();
            figures.add(new Figure("api", endpoint.name() + " (req/s)", summary(results.get(endpoint)),
                    summary(results.get(endpoint.baseline())) + " " + endpoint.baseline().name(),
                    Figure.ratio(ratio), held ? ">= " + Figure.ratio(TARGET) : "",
                    held ? Figure.Verdict.of(ratio >= TARGET) : Figure.Verdict.NONE));
        }
        // Server CPU per request moves less than throughput when other processes compete for the cores.
        for (Endpoint endpoint : List.of(atrium, floor)) {
            figures.add(Figure.info("api", endpoint.name() + " (server CPU per request)",
                    cpuSummary(results.get(endpoint)),
                    cpuSummary(results.get(endpoint.baseline())) + " " + endpoint.baseline().name(),
                    Figure.ratio(medianCpuRatio(results.get(endpoint), results.get(endpoint.baseline())))));
        }
        figures.add(Figure.info("api", "Atrium's GET against the floor (server CPU per request)",
                cpuSummary(results.get(atrium)), cpuSummary(results.get(floor)) + " " + floor.name(),
                Figure.ratio(medianCpuRatio(results.get(atrium), results.get(floor)))));
        return figures;
    }

    private static String summary(List<Wrk.Result> runs) {
        return String.format(Locale.ROOT, "%.0f (p50 %.2f ms)", median(runs, Wrk.Result::requestsPerSecond),
                median(runs, Wrk.Result::medianMillis));
    }

    private static double median(List<Wrk.Result> runs, ToDoubleFunction<Wrk.Result> value) {
        return Stats.median(runs.stream().mapToDouble(value).toArray());
    }

    private static String cpuSummary(List<Wrk.Result> runs) {
        return String.format(Locale.ROOT, "%.1f us", median(runs, Wrk.Result::serverCpuMicrosPerRequest));
    }

    /** The median over the rounds of each round's ratio, so that a noisy round moves both sides of its ratio. */
    static double medianRatio(List<Wrk.Result> measured, List<Wrk.Result> baseline) {
        return medianRoundRatio(measured, baseline, Wrk.Result::requestsPerSecond);
    }

    /** The same from the server's CPU time per request (the baseline's over the measured one's). */
    static double medianCpuRatio(List<Wrk.Result> measured, List<Wrk.Result> baseline) {
        return medianRoundRatio(baseline, measured, Wrk.Result::serverCpuMicrosPerRequest);
    }

    private static double medianRoundRatio(List<Wrk.Result> above, List<Wrk.Result> below,
                                           ToDoubleFunction<Wrk.Result> value) {
        double[] ratios = new double[above.size()];
        for (int round = 0; round < ratios.length; round++) {
            ratios[round] = value.applyAsDouble(above.get(round)) / value.applyAsDouble(below.get(round));
        }
        return Stats.median(ratios);
    }

    /** A benchmark of error pages measures nothing: each endpoint must answer 200 before it is put under load. */
    private static void requireOk(Endpoint endpoint) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint.url())).timeout(Duration.ofSeconds(30));
        endpoint.headers().forEach(request::header);
        HttpResponse<String> answer = HttpClient.newHttpClient().send(request.build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(endpoint.name() + " answered HTTP " + answer.statusCode() + " "
                    + answer.headers().firstValue("WWW-Authenticate").orElse("") + ": " + answer.body());
        }
    }

    /** Erin's claims, with her role where MP-JWT looks for roles ({@code groups}), signed by the tenant's key. */
    private static String mpJwtToken(EntraStandIn entra) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("aud", entra.clientId());
        claims.put("sub", DemoAccount.ERIN.subject());
        claims.put("oid", DemoAccount.ERIN.oid());
        claims.put("tid", entra.tenantId());
        claims.put("upn", DemoAccount.ERIN.upn());
        claims.put("preferred_username", DemoAccount.ERIN.upn());
        claims.put("name", DemoAccount.ERIN.displayName());
        claims.put("azp", entra.clientId());
        claims.put("scp", EntraStandIn.API_SCOPE);
        claims.put("groups", List.of("employee"));
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("ver", "2.0");
        return entra.mint(claims, Duration.ofHours(2));
    }

    /**
     * One URL under load, with the headers every request carries.
     *
     * @param baseline     what it is compared with; null for a baseline itself
     * @param heldToTarget whether its ratio is the one the API target is about
     */
    record Endpoint(String name, String url, Map<String, String> headers, Endpoint baseline, boolean heldToTarget) {
    }
}
