package io.atrium.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import io.atrium.bench.Selection.Item;
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
 * Atrium's benchmarks, each figure compared with a baseline measured in the same run (these machines are shared and
 * noisy), printed as one table: {@code ./mvnw -Pbench}, or some of them with {@code -Dbench.only=api,ai,tokens,signin,
 * startup}. The settings are in bench/README.md and in {@link Settings}.
 */
public final class Bench {

    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(4);
    /** Atrium's public page, as the baselines serve it. */
    private static final String SIGNED_OUT_PAGE = "<!DOCTYPE html><html lang=\"en\"><title>Signed out</title>"
            + "<p>You have signed out.</p></html>";
    private static final String MAX_HEAP = "768m";

    private final Settings settings = Settings.fromSystemProperties();
    private final Path directory;
    private final Path microJar;
    private final Path atriumWar;
    private final List<Figure> figures = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();

    private Bench(Path directory, Path microJar, Path atriumWar) {
        this.directory = directory;
        this.microJar = microJar;
        this.atriumWar = atriumWar;
    }

    public static void main(String[] args) throws Exception {
        // The JDK's HTTP server under the Azure OpenAI stand-in waits for Nagle's algorithm unless told otherwise (it
        // reads this once, before its first server starts), which would add ~40 ms to streamed events both ways.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        Set<Item> items = Selection.parse(System.getProperty("bench.only"));
        Path directory = Path.of(required("bench.dir"));
        Files.createDirectories(directory);
        Bench bench = new Bench(directory, Path.of(required("payara.microJar")), Path.of(required("atrium.war")));
        bench.run(items);
        if (!bench.failures.isEmpty()) {
            // Thrown, not System.exit: the benchmarks run inside Maven's JVM (exec:java), which reports it as failed.
            throw new IllegalStateException("Not every benchmark could be measured: " + bench.failures);
        }
    }

    private void run(Set<Item> items) throws Exception {
        System.out.printf(Locale.ROOT, "[bench] measuring %s (%s)%n", items, settings);
        try (LocalPeers peers = LocalPeers.start(LocalPeers.Options.ephemeral())) {
            Map<String, String> atriumSettings = atriumSettings(peers);
            if (items.contains(Item.STARTUP)) {
                measure(Item.STARTUP, () -> new StartUp().run((war, work) -> payara(war, work, atriumSettings, peers),
                        atriumWar, emptyWar(), directory));
            }
            if (items.contains(Item.API) || items.contains(Item.AI) || items.contains(Item.SIGNIN)) {
                measureOnOneAtrium(items, peers, atriumSettings);
            }
            if (items.contains(Item.TOKENS)) {
                measure(Item.TOKENS, () -> new TokenEconomy().run(peers.entra(), (changes, work) -> {
                    Map<String, String> changed = new LinkedHashMap<>(atriumSettings);
                    changed.putAll(changes);
                    return payara(atriumWar, work, changed, peers);
                }, directory));
            }
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "Atrium benchmarks (%d s warm-up, %d rounds of %d s; bench/README.md)%n%n",
                settings.warmupSeconds(), settings.rounds(), settings.seconds());
        // In the order of bench/README.md's list, whatever order they were measured in.
        figures.sort(Comparator.comparing(figure -> Selection.Item.valueOf(
                figure.item().toUpperCase(Locale.ROOT))));
        System.out.print(Report.table(figures));
        failures.forEach(failure -> System.out.println("FAILED: " + failure));
    }

    /** API, AI and sign-in share one Payara Micro with Atrium and the baseline WARs. */
    private void measureOnOneAtrium(Set<Item> items, LocalPeers peers, Map<String, String> atriumSettings)
            throws IOException {
        EntraStandIn entra = peers.entra();
        try (PayaraMicroProcess payara = payara(atriumWar, directory.resolve("payara"), atriumSettings, peers)
                .alsoDeploy(baselineWar(), "/baseline")
                .alsoDeploy(mpJwtWar(), "/mpjwt")
                .alsoDeploy(floorWar(), "/floor")
                .start()) {
            payara.awaitReady(STARTUP_TIMEOUT);
            String erinsToken = DemoSignIn.at(entra).tokensFor(DemoAccount.ERIN).accessToken();
            String base = payara.url().replaceAll("/+$", "");
            if (items.contains(Item.API)) {
                measure(Item.API, () -> new ApiOverhead(settings).run(base, entra, erinsToken, payara::cpuTime));
            }
            if (items.contains(Item.AI)) {
                measure(Item.AI, () -> new AiGateway(settings, payara.port(), erinsToken, peers.openAi().port(),
                        peers.openAi().apiKey()).run());
            }
            if (items.contains(Item.SIGNIN)) {
                measure(Item.SIGNIN, () -> new SignIns(settings, base, entra, peers.postgres()).run());
            }
        }
    }

    /** One benchmark; when it fails the others still run, and the run ends with the failure named. */
    private void measure(Item item, Measurement measurement) {
        try {
            List<Figure> measured = measurement.run();
            figures.addAll(measured);
            System.out.print(Report.table(measured));
        } catch (Exception e) {
            e.printStackTrace();
            failures.add(item.key() + ": " + e);
            figures.add(new Figure(item.key(), "not measured: " + e.getClass().getSimpleName(), "", "", "", "",
                    Figure.Verdict.MISSED));
        }
    }

    @FunctionalInterface
    private interface Measurement {
        List<Figure> run() throws Exception;
    }

    /**
     * Atrium's settings for the peers, plus the MP-JWT comparison WAR's, and daily quotas no benchmark reaches: a
     * benchmark makes more AI calls in minutes than an employee in months.
     */
    private static Map<String, String> atriumSettings(LocalPeers peers) {
        EntraStandIn entra = peers.entra();
        Map<String, String> properties = new LinkedHashMap<>(peers.atriumSystemProperties());
        properties.put("mp.jwt.verify.publickey.location", entra.issuer() + "/jwks");
        properties.put("mp.jwt.verify.issuer", entra.issuer());
        properties.put("mp.jwt.verify.audiences", entra.clientId());
        properties.put("atrium.ai.daily-token-quotas", "employee=1000000000000,admin=1000000000000");
        return properties;
    }

    /** Every Payara Micro of the run is launched alike: same heap, settings and truststore. */
    private PayaraMicroProcess.Builder payara(Path war, Path workDirectory, Map<String, String> settings,
                                              LocalPeers peers) {
        return PayaraMicroProcess.builder(microJar, war)
                .port(0)
                .maxHeap(MAX_HEAP)
                .systemProperties(settings)
                .truststore(peers.truststore(), peers.truststorePassword())
                .workDirectory(workDirectory);
    }

    private Path baselineWar() {
        return export(ShrinkWrap.create(WebArchive.class, "baseline.war")
                .addClasses(BaselineApi.class, BaselineMeResource.class, BaselineMeResource.Me.class)
                .addAsWebResource(new StringAsset(SIGNED_OUT_PAGE), "page.html")
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

    private Path mpJwtWar() {
        return export(ShrinkWrap.create(WebArchive.class, "mpjwt.war")
                .addClasses(MpJwtApi.class, MpJwtMeResource.class, MpJwtMeResource.Me.class)
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml"));
    }

    /** What start-up is compared with: a WAR with one static page, nothing for Payara to scan or start. */
    private Path emptyWar() {
        return export(ShrinkWrap.create(WebArchive.class, "empty.war")
                .addAsWebResource(new StringAsset("<!DOCTYPE html><html lang=\"en\"><title>Empty</title></html>"),
                        "index.html"));
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
}
