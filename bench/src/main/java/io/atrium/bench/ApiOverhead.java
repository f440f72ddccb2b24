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
import java.util.function.ToDoubleFunction;

import io.atrium.standins.entra.DemoAccount;
import io.atrium.standins.entra.EntraStandIn;

/**
 * Item 1, API auth overhead: wrk against Atrium's bearer-protected {@code GET /api/v1/me} and a public page, each
 * against the same kind of endpoint in a WAR without security on the same Payara Micro, and Payara's own MP-JWT
 * mechanism for comparison. The ratio is the median of the per-round ratios.
 */
final class ApiOverhead {

    private static final double TARGET = 0.80;

    private final Settings settings;
    private final Wrk wrk = new Wrk(Integer.getInteger("bench.threads", 2), Integer.getInteger("bench.connections", 32));

    ApiOverhead(Settings settings) {
        this.settings = settings;
    }

    List<Figure> run(String base, EntraStandIn entra, String erinsToken) throws IOException, InterruptedException {
        Wrk.requireInstalled();
        Endpoint api = new Endpoint("JAX-RS GET, WAR without security", base + "/baseline/api/v1/me", Map.of(), null,
                false);
        Endpoint page = new Endpoint("static page, WAR without security", base + "/baseline/page.html", Map.of(),
                null, false);
        List<Endpoint> endpoints = List.of(api,
                new Endpoint("GET /api/v1/me, Entra bearer token", base + "/api/v1/me",
                        Map.of("Authorization", "Bearer " + erinsToken), api, true),
                new Endpoint("Payara MP-JWT WAR: same GET, @RolesAllowed", base + "/mpjwt/api/v1/me",
                        Map.of("Authorization", "Bearer " + mpJwtToken(entra)), api, false),
                page,
                new Endpoint("public static page", base + "/signed-out.html", Map.of(), page, false));
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
                Wrk.Result result = wrk.run(endpoint.url(), endpoint.headers(), settings.seconds());
                System.out.printf(Locale.ROOT, "[bench] api: round %d %-44s %9.0f req/s%n", round, endpoint.name(),
                        result.requestsPerSecond());
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
        return figures;
    }

    private static String summary(List<Wrk.Result> runs) {
        return String.format(Locale.ROOT, "%.0f (p50 %.2f ms)", median(runs, Wrk.Result::requestsPerSecond),
                median(runs, Wrk.Result::medianMillis));
    }

    private static double median(List<Wrk.Result> runs, ToDoubleFunction<Wrk.Result> value) {
        return Stats.median(runs.stream().mapToDouble(value).toArray());
    }

    /** The median over the rounds of each round's ratio, so that a noisy round moves both sides of its ratio. */
    static double medianRatio(List<Wrk.Result> measured, List<Wrk.Result> baseline) {
        double[] ratios = new double[measured.size()];
        for (int round = 0; round < ratios.length; round++) {
            ratios[round] = measured.get(round).requestsPerSecond() / baseline.get(round).requestsPerSecond();
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
