package io.atrium.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import io.atrium.bench.baseline.BaselineApi;
import io.atrium.bench.baseline.BaselineMeResource;
import io.atrium.bench.floor.FloorApi;
import io.atrium.bench.floor.FloorMeResource;
import io.atrium.bench.floor.TrustingMechanism;
import io.atrium.bench.mpjwt.MpJwtApi;
import io.atrium.bench.mpjwt.MpJwtMeResource;
import io.atrium.standins.LocalPeers;
import io.atrium.standins.entra.DemoAccount;
import io.atrium.standins.entra.DemoSignIn;
import io.atrium.standins.entra.EntraStandIn;
import io.atrium.standins.payara.PayaraMicroProcess;

/**
 * Atrium's benchmarks, each figure a ratio against a baseline measured in the same run on the same Payara Micro (these
 * machines are shared and noisy): {@code ./mvnw -Pbench}. Settings, as system properties: {@code bench.warmup-seconds}
 * (120), {@code bench.seconds} per measurement (15), {@code bench.rounds} (3; the median is reported),
 * {@code bench.connections} (32), {@code bench.threads} (2).
 */
public final class Bench {

    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(4);
    /** Atrium's public page, as the baselines serve it. */
    private static final String SIGNED_OUT_PAGE = "<!DOCTYPE html><html lang=\"en\"><title>Signed out</title>"
            + "<p>You have signed out.</p></html>";

    private final int warmupSeconds = Integer.getInteger("bench.warmup-seconds", 120);
    private final int seconds = Integer.getInteger("bench.seconds", 15);
    private final int rounds = Integer.getInteger("bench.rounds", 3);
    private final Wrk wrk = new Wrk(Integer.getInteger("bench.threads", 2), Integer.getInteger("bench.connections", 32));
    private final Path directory;

    private Bench(Path directory) {
        this.directory = directory;
    }

    public static void main(String[] args) throws Exception {
        Wrk.requireInstalled();
        Path directory = Path.of(required("bench.dir"));
        Files.createDirectories(directory);
        new Bench(directory).run(Path.of(required("payara.microJar")), Path.of(required("atrium.war")));
    }

    private void run(Path microJar, Path atriumWar) throws Exception {
        try (LocalPeers peers = LocalPeers.start(LocalPeers.Options.ephemeral());
             PayaraMicroProcess payara = startPayara(microJar, atriumWar, peers)) {
            EntraStandIn entra = peers.entra();
            String erinsToken = DemoSignIn.at(entra).tokensFor(DemoAccount.ERIN).accessToken();
            String base = payara.url().replaceAll("/+$", "");
            Endpoint api = new Endpoint("baseline: JAX-RS GET, WAR without security", base + "/baseline/api/v1/me",
                    Map.of(), null);
            Endpoint page = new Endpoint("baseline: static page, WAR without security", base + "/baseline/page.html",
                    Map.of(), null);
            Endpoint atrium = new Endpoint("Atrium: GET /api/v1/me, Entra bearer token", base + "/api/v1/me",
                    Map.of("Authorization", "Bearer " + erinsToken), api);
            Endpoint floorApi = new Endpoint("floor: same GET, mechanism doing no work", base + "/floor/api/v1/me",
                    Map.of("Authorization", "Bearer anything"), api);
            List<Endpoint> endpoints = List.of(api, atrium,
                    new Endpoint("Payara MP-JWT: same GET, @RolesAllowed", base + "/mpjwt/api/v1/me",
                            Map.of("Authorization", "Bearer " + mpJwtToken(entra)), api),
                    floorApi,
                    page,
                    new Endpoint("Atrium: public static page", base + "/signed-out.html", Map.of(), page),
                    new Endpoint("floor: public static page, same mechanism", base + "/floor/page.html", Map.of(),
                            page));
            for (Endpoint endpoint : endpoints) {
                requireOk(endpoint);
            }
            warmUp(endpoints);
            Map<Endpoint, List<Wrk.Result>> results = new LinkedHashMap<>();
            for (int round = 1; round <= rounds; round++) {
                for (Endpoint endpoint : endpoints) {
                    Duration cpuBefore = payara.cpuTime();
                    Wrk.Result result = wrk.run(endpoint.url(), endpoint.headers(), seconds)
                            .withServerCpu(payara.cpuTime().minus(cpuBefore));
                    System.out.printf(Locale.ROOT, "[bench] round %d %-48s %9.0f req/s %7.1f us CPU/req%n", round,
                            endpoint.name(), result.requestsPerSecond(), result.serverCpuMicrosPerRequest());
                    results.computeIfAbsent(endpoint, key -> new ArrayList<>()).add(result);
                }
            }
            new Report(results, rounds).print(endpoints, atrium, floorApi, seconds, warmupSeconds);
        }
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

    private void warmUp(List<Endpoint> endpoints) throws IOException, InterruptedException {
        // The JIT keeps improving for about two minutes on 2 cores (RUNTIME-FACTS); every endpoint gets its share.
        int each = Math.max(1, warmupSeconds / endpoints.size());
        System.out.printf(Locale.ROOT, "[bench] warming up for %d s (%d s per endpoint)%n", each * endpoints.size(),
                each);
        for (Endpoint endpoint : endpoints) {
            wrk.run(endpoint.url(), endpoint.headers(), each);
        }
    }

    private PayaraMicroProcess startPayara(Path microJar, Path atriumWar, LocalPeers peers) throws IOException {
        EntraStandIn entra = peers.entra();
        Map<String, String> properties = new LinkedHashMap<>(peers.atriumSystemProperties());
        // Payara's MP-JWT mechanism in the comparison WAR checks the same tenant's tokens.
        properties.put("mp.jwt.verify.publickey.location", jwksUri(entra));
        properties.put("mp.jwt.verify.issuer", entra.issuer());
        properties.put("mp.jwt.verify.audiences", entra.clientId());
        PayaraMicroProcess payara = PayaraMicroProcess.builder(microJar, atriumWar)
                .port(0)
                .maxHeap("768m")
                .systemProperties(properties)
                .truststore(peers.truststore(), peers.truststorePassword())
                .workDirectory(directory.resolve("payara"))
                .alsoDeploy(baselineWar(), "/baseline")
                .alsoDeploy(mpJwtWar(), "/mpjwt")
                .alsoDeploy(floorWar(), "/floor")
                .start();
        return payara.awaitReady(STARTUP_TIMEOUT);
    }

    private static String jwksUri(EntraStandIn entra) {
        return entra.issuer() + "/jwks";
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

    private Path baselineWar() {
        return export(ShrinkWrap.create(WebArchive.class, "baseline.war")
                .addClasses(BaselineApi.class, BaselineMeResource.class, BaselineMeResource.Me.class)
                .addAsWebResource(new StringAsset(SIGNED_OUT_PAGE), "page.html")
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml"));
    }

    private Path mpJwtWar() {
        return export(ShrinkWrap.create(WebArchive.class, "mpjwt.war")
                .addClasses(MpJwtApi.class, MpJwtMeResource.class, MpJwtMeResource.Me.class)
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml"));
    }

    /**
     * The baseline behind a Jakarta Security mechanism that does no work, with Atrium's kind of constraints (all
     * protected, one public page): the most any mechanism on this Payara can reach.
     */
    private Path floorWar() {
        return export(ShrinkWrap.create(WebArchive.class, "floor.war")
                .addClasses(FloorApi.class, FloorMeResource.class, TrustingMechanism.class, BaselineMeResource.class,
                        BaselineMeResource.Me.class)
                .addAsWebResource(new StringAsset(SIGNED_OUT_PAGE), "page.html")
                .setWebXML(new StringAsset("""
                        <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                            <security-constraint>
                                <web-resource-collection>
                                    <web-resource-name>everything</web-resource-name>
                                    <url-pattern>/*</url-pattern>
                                </web-resource-collection>
                                <auth-constraint><role-name>**</role-name></auth-constraint>
                            </security-constraint>
                            <security-constraint>
                                <web-resource-collection>
                                    <web-resource-name>public</web-resource-name>
                                    <url-pattern>/page.html</url-pattern>
                                </web-resource-collection>
                            </security-constraint>
                            <security-role><role-name>employee</role-name></security-role>
                        </web-app>
                        """))
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml"));
    }

    private Path export(WebArchive war) {
        Path file = directory.resolve(war.getName());
        war.as(ZipExporter.class).exportTo(file.toFile(), true);
        return file;
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + property + " is not set; run ./mvnw -Pbench");
        }
        return value;
    }

    /**
     * One URL under load, with the headers every request carries.
     *
     * @param baseline what it is compared with; null for a baseline itself
     */
    record Endpoint(String name, String url, Map<String, String> headers, Endpoint baseline) {
    }
}
