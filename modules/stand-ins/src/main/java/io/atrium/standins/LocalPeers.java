package io.atrium.standins;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.atrium.standins.entra.DemoAccount;
import io.atrium.standins.entra.EntraStandIn;
import io.atrium.standins.graph.GraphStandIn;
import io.atrium.standins.hostile.HostileEntra;
import io.atrium.standins.openai.AzureOpenAiStandIn;
import io.atrium.standins.postgres.PostgresStandIn;

/**
 * Everything Atrium talks to, on this machine: PostgreSQL, the Entra ID stand-in, the Microsoft Graph stand-in (on a
 * free port) and the Azure OpenAI stand-in, started in that order and stopped in reverse. {@link #atriumEnvironment()}
 * tells Atrium where they are. For tests of Atrium's defences, {@link HostileEntra} can play Entra ID instead of the
 * stand-in.
 *
 * <p>Starting and stopping fail with unchecked exceptions: the callers are test fixtures and dev mode, which can only
 * report the failure.
 */
public final class LocalPeers implements AutoCloseable {

    public static final String OPENAI_DEPLOYMENT = "gpt-4o-mini";
    public static final String OPENAI_API_VERSION = "2024-10-21";
    public static final String OPENAI_API_KEY = "dev-openai-key-not-for-production";

    private final PostgresStandIn postgres;
    private final EntraTenant entra;
    private final GraphStandIn graph;
    private final AzureOpenAiStandIn openAi;
    private final Path temporaryDirectory;

    private LocalPeers(PostgresStandIn postgres, EntraTenant entra, GraphStandIn graph, AzureOpenAiStandIn openAi,
                       Path temporaryDirectory) {
        this.postgres = postgres;
        this.entra = entra;
        this.graph = graph;
        this.openAi = openAi;
        this.temporaryDirectory = temporaryDirectory;
    }

    /**
     * Starts the peers, or none of them: when one fails, those already running are stopped.
     *
     * @throws UncheckedIOException when a peer cannot start
     * @throws IllegalStateException when a fixed port is taken
     */
    public static LocalPeers start(Options options) {
        try {
            return options.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public PostgresStandIn postgres() {
        return postgres;
    }

    /** @throws IllegalStateException when the hostile provider plays Entra ID */
    public EntraStandIn entra() {
        if (entra instanceof EntraStandIn standIn) {
            return standIn;
        }
        throw new IllegalStateException("These peers run the hostile OpenID provider instead of the Entra ID stand-in");
    }

    /** @throws IllegalStateException unless the peers were started with {@link Options#hostileEntra()} */
    public HostileEntra hostileEntra() {
        if (entra instanceof HostileEntra hostile) {
            return hostile;
        }
        throw new IllegalStateException("These peers run the Entra ID stand-in; start them with Options.hostileEntra()");
    }

    public GraphStandIn graph() {
        return graph;
    }

    public AzureOpenAiStandIn openAi() {
        return openAi;
    }

    /** The truststore, holding only the certificate of whoever plays Entra ID, for JVMs and clients that call it. */
    public Path truststore() {
        return entra.truststore();
    }

    public String truststorePassword() {
        return entra.truststorePassword();
    }

    /**
     * The environment variables through which Atrium's MicroProfile Config finds the peers. A setting without a value
     * (an external database given without a user, say) is left out rather than passed empty.
     */
    public Map<String, String> atriumEnvironment() {
        Map<String, String> environment = new LinkedHashMap<>();
        settings().forEach((property, value) -> environment.put(environmentName(property), value));
        return environment;
    }

    /**
     * The same settings as MicroProfile Config property names, for {@code -D} options, plus the
     * {@code javax.net.ssl.trustStore*} properties that make a JVM trust whoever plays Entra ID.
     */
    public Map<String, String> atriumSystemProperties() {
        Map<String, String> properties = settings();
        properties.put("javax.net.ssl.trustStore", entra.truststore().toAbsolutePath().toString());
        properties.put("javax.net.ssl.trustStorePassword", entra.truststorePassword());
        properties.put("javax.net.ssl.trustStoreType", "PKCS12");
        return properties;
    }

    private Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("atrium.db.url", postgres.jdbcUrl());
        settings.put("atrium.db.user", postgres.user());
        settings.put("atrium.db.password", postgres.password());
        settings.put("azure.authority-host", entra.authorityHost());
        settings.put("azure.tenant-id", entra.tenantId());
        settings.put("azure.client-id", entra.clientId());
        settings.put("azure.client-secret", entra.clientSecret());
        settings.put("atrium.downstream.graph.base-url", graph.baseUrl());
        settings.put("atrium.roles.group-mapping", DemoAccount.ATRIUM_ADMINS_GROUP + "=admin");
        settings.put("azure.openai.endpoint", openAi.endpoint());
        settings.put("azure.openai.deployment", OPENAI_DEPLOYMENT);
        settings.put("azure.openai.api-version", OPENAI_API_VERSION);
        settings.put("azure.openai.api-key", openAi.apiKey());
        settings.put("atrium.ai.credential", "api-key");
        settings.values().removeIf(Objects::isNull);
        return settings;
    }

    /** MicroProfile Config's mapping of a property name to an environment variable: {@code a.b-c} is {@code A_B_C}. */
    private static String environmentName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /**
     * Stops every peer, even when one fails to stop.
     *
     * @throws IllegalStateException with each failure suppressed in it
     */
    @Override
    public void close() {
        IllegalStateException failure = new IllegalStateException("Could not stop every local peer");
        for (AutoCloseable peer : new AutoCloseable[] {openAi, graph, entra, postgres}) {
            try {
                peer.close();
            } catch (Exception e) {
                failure.addSuppressed(e);
            }
        }
        if (temporaryDirectory != null) {
            try {
                TemporaryDirectories.delete(temporaryDirectory);
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
        if (failure.getSuppressed().length > 0) {
            throw failure;
        }
    }

    /** Where the peers keep their state and which ports they take. */
    public static final class Options {

        private final Path dataDirectory;
        private int postgresPort;
        private int entraPort;
        private int openAiPort;
        private boolean hostileEntra;
        private String externalDatabaseUrl;
        private String externalDatabaseUser;
        private String externalDatabasePassword;
        private PrintStream out = System.out;

        private Options(Path dataDirectory) {
            this.dataDirectory = dataDirectory;
        }

        /** Throw-away peers on free ports, as tests want them: their data is deleted when they stop. */
        public static Options ephemeral() {
            return new Options(null);
        }

        /** Peers that keep PostgreSQL's data and the Entra ID stand-in's certificate in {@code dataDirectory}. */
        public static Options persistent(Path dataDirectory) {
            return new Options(Objects.requireNonNull(dataDirectory, "dataDirectory"));
        }

        /** Fixed ports for PostgreSQL, the Entra ID stand-in and the Azure OpenAI stand-in; 0 takes a free one. */
        public Options ports(int postgres, int entra, int openAi) {
            this.postgresPort = postgres;
            this.entraPort = entra;
            this.openAiPort = openAi;
            return this;
        }

        /** Starts {@link HostileEntra} to play Entra ID instead of the Entra ID stand-in, on the same port setting. */
        public Options hostileEntra() {
            this.hostileEntra = true;
            return this;
        }

        /** Uses this database instead of starting PostgreSQL. */
        public Options externalDatabase(String jdbcUrl, String user, String password) {
            this.externalDatabaseUrl = Objects.requireNonNull(jdbcUrl, "jdbcUrl");
            this.externalDatabaseUser = user;
            this.externalDatabasePassword = password;
            return this;
        }

        /**
         * Uses the database named by {@code ATRIUM_DB_URL}, {@code ATRIUM_DB_USER} and {@code ATRIUM_DB_PASSWORD} in
         * {@code environment} (normally {@code System.getenv()}) when the URL is set, and PostgreSQL otherwise.
         */
        public Options externalDatabaseFrom(Map<String, String> environment) {
            String url = environment.get("ATRIUM_DB_URL");
            if (url != null && !url.isBlank()) {
                externalDatabase(url, environment.get("ATRIUM_DB_USER"), environment.get("ATRIUM_DB_PASSWORD"));
            }
            return this;
        }

        /** Where the progress lines go. */
        public Options out(PrintStream out) {
            this.out = Objects.requireNonNull(out, "out");
            return this;
        }

        private LocalPeers start() throws IOException {
            checkFixedPortsAreFree();
            Path temporaryDirectory = dataDirectory == null ? Files.createTempDirectory("atrium-peers") : null;
            Path directory = Optional.ofNullable(dataDirectory).orElse(temporaryDirectory);
            Deque<AutoCloseable> started = new ArrayDeque<>();
            try {
                PostgresStandIn postgres = startPostgres(directory.resolve("postgres"));
                started.push(postgres);
                EntraTenant entra = hostileEntra ? startHostileEntra(directory.resolve("entra"))
                        : startEntra(directory.resolve("entra"));
                started.push(entra);
                GraphStandIn graph = startGraph(entra);
                started.push(graph);
                AzureOpenAiStandIn openAi = startOpenAi();
                started.push(openAi);
                return new LocalPeers(postgres, entra, graph, openAi, temporaryDirectory);
            } catch (IOException | RuntimeException e) {
                for (AutoCloseable peer : started) {
                    try {
                        peer.close();
                    } catch (Exception closing) {
                        e.addSuppressed(closing);
                    }
                }
                if (temporaryDirectory != null) {
                    TemporaryDirectories.delete(temporaryDirectory);
                }
                throw e;
            }
        }

        /**
         * Fails before anything starts, so a taken port never leaves half the peers running. PostgreSQL, which starts
         * first, checks its own port once it has stopped a server left running on its data by a killed run.
         */
        private void checkFixedPortsAreFree() {
            if (entraPort != 0) {
                LocalPorts.requireFree(entraPort, "the Entra ID stand-in");
            }
            if (openAiPort != 0) {
                LocalPorts.requireFree(openAiPort, "the Azure OpenAI stand-in");
            }
        }

        private PostgresStandIn startPostgres(Path directory) throws IOException {
            if (externalDatabaseUrl != null) {
                out.println("[atrium] PostgreSQL: using the external database " + externalDatabaseUrl
                        + " (ATRIUM_DB_URL); none started");
                return PostgresStandIn.external(externalDatabaseUrl, externalDatabaseUser, externalDatabasePassword);
            }
            long started = System.nanoTime();
            PostgresStandIn postgres = dataDirectory == null
                    ? PostgresStandIn.ephemeral()
                    : PostgresStandIn.persistent(directory, postgresPort);
            out.println("[atrium] PostgreSQL " + postgres.serverVersion() + " ready on localhost:" + postgres.port()
                    + postgres.directory().map(data -> " (data: " + data + ")").orElse(" (throw-away data)")
                    + seconds(started));
            return postgres;
        }

        private EntraStandIn startEntra(Path directory) throws IOException {
            long started = System.nanoTime();
            EntraStandIn entra = EntraStandIn.start(directory, entraPort);
            out.println("[atrium] Entra ID stand-in ready, issuer " + entra.issuer() + seconds(started));
            return entra;
        }

        private HostileEntra startHostileEntra(Path directory) throws IOException {
            long started = System.nanoTime();
            HostileEntra hostile = HostileEntra.start(directory, entraPort);
            out.println("[atrium] Hostile OpenID provider ready in place of Entra ID, issuer " + hostile.issuer()
                    + seconds(started));
            return hostile;
        }

        /** Trusts the access tokens of whoever plays Entra ID and knows the demo accounts' groups. */
        private GraphStandIn startGraph(EntraTenant entra) {
            long started = System.nanoTime();
            GraphStandIn graph = GraphStandIn.forDemoAccountsOf(entra);
            out.println("[atrium] Microsoft Graph stand-in ready at " + graph.baseUrl() + seconds(started));
            return graph;
        }

        private AzureOpenAiStandIn startOpenAi() {
            long started = System.nanoTime();
            AzureOpenAiStandIn openAi = AzureOpenAiStandIn.start(openAiPort, OPENAI_API_KEY);
            out.println("[atrium] Azure OpenAI stand-in ready at " + openAi.endpoint() + seconds(started));
            return openAi;
        }

        private static String seconds(long startedNanos) {
            return String.format(Locale.ROOT, " in %.1f s", (System.nanoTime() - startedNanos) / 1e9);
        }
    }
}
