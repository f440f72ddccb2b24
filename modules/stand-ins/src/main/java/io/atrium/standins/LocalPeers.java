package io.atrium.standins;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

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

    LocalPeers(PostgresStandIn postgres, EntraTenant entra, GraphStandIn graph, AzureOpenAiStandIn openAi,
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
            return new PeersStart(options).start();
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

        final Path dataDirectory;
        int postgresPort;
        int entraPort;
        int openAiPort;
        boolean hostileEntra;
        String externalDatabaseUrl;
        String externalDatabaseUser;
        String externalDatabasePassword;
        PrintStream out = System.out;

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
    }
}
