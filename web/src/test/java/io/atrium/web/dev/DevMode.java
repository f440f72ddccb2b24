package io.atrium.web.dev;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.atrium.standins.LocalPeers;
import io.atrium.standins.LocalPorts;
import io.atrium.standins.entra.DemoAccount;
import io.atrium.standins.entra.EntraStandIn;
import io.atrium.standins.payara.LeftoverPayara;
import io.atrium.standins.payara.PayaraMicroProcess;
import io.atrium.standins.postgres.PostgresStandIn;

/**
 * Runs Atrium with its local peers, as {@code ./mvnw -Pdev} does: PostgreSQL, the Entra ID and Azure OpenAI
 * stand-ins, then Payara Micro with the WAR. Ctrl-C stops Payara, then the peers. Data (the database, the stand-in's
 * TLS certificate, Payara's log) stays in {@code atrium.dev.dir} across runs.
 *
 * <p>Fixed ports, each overridable by a system property ({@code ./mvnw -Pdev -Datrium.dev.http-port=8081}) or an
 * environment variable:
 * <ul>
 *   <li>Atrium: 8080, {@code atrium.dev.http-port} / {@code ATRIUM_DEV_HTTP_PORT}</li>
 *   <li>PostgreSQL: 15432, {@code atrium.dev.postgres-port} / {@code ATRIUM_DEV_POSTGRES_PORT}</li>
 *   <li>Entra ID stand-in: 9443, {@code atrium.dev.entra-port} / {@code ATRIUM_DEV_ENTRA_PORT}</li>
 *   <li>Azure OpenAI stand-in: 9080, {@code atrium.dev.openai-port} / {@code ATRIUM_DEV_OPENAI_PORT}</li>
 * </ul>
 * With {@code ATRIUM_DB_URL} (and {@code ATRIUM_DB_USER}, {@code ATRIUM_DB_PASSWORD}) set, Atrium uses that database
 * and no PostgreSQL is started.
 *
 * <p>The dev profile sets {@code atrium.dev.dir}, {@code payara.microJar} and {@code atrium.war}.
 */
public final class DevMode {

    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(3);
    private static final String MAX_HEAP = "768m";

    private final Path directory;
    private LocalPeers peers;
    private PayaraMicroProcess payara;
    private volatile boolean stopping;

    private DevMode(Path directory) {
        this.directory = directory;
    }

    public static void main(String[] args) throws Exception {
        try {
            Path directory = Path.of(required("atrium.dev.dir"));
            Path microJar = Path.of(required("payara.microJar"));
            Path war = Path.of(required("atrium.war"));
            new DevMode(directory).run(microJar, war);
        } catch (Exception e) {
            // Maven buries the exception in its own report; this line is the one a person reads.
            System.err.println("[atrium] Cannot run Atrium: " + e.getMessage());
            throw e;
        }
    }

    private void run(Path microJar, Path war) throws IOException, InterruptedException {
        Ports ports = Ports.configured();
        requireFile(microJar, "The Payara Micro jar");
        requireFile(war, "The WAR");
        // A Payara left behind by a killed run goes first: it holds the HTTP port and the database's connections.
        LeftoverPayara.stopIfRunning(payaraDirectory());
        // Checked before any peer starts, so a taken port never leaves the others running.
        LocalPorts.requireFree(ports.http(), "Atrium (Payara Micro)");

        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "atrium-dev-shutdown"));
        try {
            start(microJar, war, ports);
        } catch (IOException | RuntimeException e) {
            stop();
            throw e;
        }
        printWelcome();

        int exitCode = payara.waitForExit();
        if (!stopping) {
            System.out.println("[atrium] Payara Micro stopped by itself (exit code " + exitCode
                    + "); stopping the local peers. Its log: " + payara.logFile());
            stop();
        }
    }

    private void start(Path microJar, Path war, Ports ports) throws IOException {
        peers = LocalPeers.start(LocalPeers.Options.persistent(directory)
                .ports(ports.postgres(), ports.entra(), ports.openAi())
                .externalDatabaseFrom(System.getenv()));
        payara = PayaraMicroProcess.builder(microJar, war)
                .port(ports.http())
                .maxHeap(MAX_HEAP)
                .environment(peers.atriumEnvironment())
                .truststore(peers.truststore(), peers.truststorePassword())
                .workDirectory(payaraDirectory())
                .echo(System.out, "[payara] ")
                .start();
        payara.awaitReady(STARTUP_TIMEOUT);
    }

    private Path payaraDirectory() {
        return directory.resolve("payara");
    }

    /** Payara first, while the database and the stand-ins it uses are still there. */
    private synchronized void stop() {
        if (stopping) {
            return;
        }
        stopping = true;
        if (payara != null) {
            System.out.println("[atrium] Stopping Payara Micro");
            payara.close();
        }
        if (peers != null) {
            System.out.println("[atrium] Stopping the local peers");
            try {
                peers.close();
            } catch (IllegalStateException e) {
                System.err.println("[atrium] " + e.getMessage());
                for (Throwable cause : e.getSuppressed()) {
                    System.err.println("[atrium]   " + cause);
                }
            }
        }
        System.out.println("[atrium] Stopped");
    }

    private void printWelcome() {
        EntraStandIn entra = peers.entra();
        PostgresStandIn postgres = peers.postgres();
        String line = "[atrium] " + "-".repeat(72);
        System.out.println(line);
        System.out.println("[atrium] Atrium is running at " + payara.url());
        System.out.println("[atrium]   Entra ID stand-in      " + entra.issuer());
        System.out.println("[atrium]   Graph stand-in         " + peers.graph().baseUrl());
        System.out.println("[atrium]   Azure OpenAI stand-in  " + peers.openAi().endpoint()
                + " (deployment " + LocalPeers.OPENAI_DEPLOYMENT + ")");
        System.out.println("[atrium]   Database               " + postgres.jdbcUrl() + " (user " + postgres.user() + ")");
        System.out.println("[atrium] Sign in with a demo account (no password):");
        for (DemoAccount account : entra.demoAccounts()) {
            System.out.printf("[atrium]   %-6s %-15s roles: %s%n", account.username(), account.displayName(),
                    String.join(", ", account.roles()));
        }
        System.out.println("[atrium] The browser warns once about the stand-in's self-signed certificate for "
                + entra.authorityHost() + ": accept it.");
        System.out.println("[atrium]   It is kept in " + entra.truststore().getParent() + " and reused on later runs.");
        System.out.println("[atrium] Payara's log: " + payara.logFile() + ". Ctrl-C stops Atrium and its peers.");
        System.out.println(line);
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("System property " + property + " is not set; run ./mvnw -Pdev");
        }
        return value;
    }

    private static void requireFile(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(what + " does not exist: " + file.toAbsolutePath()
                    + "; ./mvnw -Pdev builds it first");
        }
    }

    /** The fixed ports, as configured or by default. */
    private record Ports(int http, int postgres, int entra, int openAi) {

        static Ports configured() {
            return new Ports(port("atrium.dev.http-port", "ATRIUM_DEV_HTTP_PORT", 8080),
                    port("atrium.dev.postgres-port", "ATRIUM_DEV_POSTGRES_PORT", 15432),
                    port("atrium.dev.entra-port", "ATRIUM_DEV_ENTRA_PORT", 9443),
                    port("atrium.dev.openai-port", "ATRIUM_DEV_OPENAI_PORT", 9080));
        }

        private static int port(String property, String variable, int fallback) {
            String value = System.getProperty(property, System.getenv(variable));
            if (value == null || value.isBlank()) {
                return fallback;
            }
            try {
                return Integer.parseInt(value.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(property + " / " + variable + " must be a port number, not " + value);
            }
        }
    }
}
