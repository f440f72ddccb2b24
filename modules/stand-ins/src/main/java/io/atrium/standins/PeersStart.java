package io.atrium.standins;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Optional;

import io.atrium.standins.entra.EntraStandIn;
import io.atrium.standins.graph.GraphStandIn;
import io.atrium.standins.hostile.HostileEntra;
import io.atrium.standins.openai.AzureOpenAiStandIn;
import io.atrium.standins.postgres.PostgresStandIn;

/** Starts the local peers in order as {@link LocalPeers.Options} ask, printing each one's progress line. */
final class PeersStart {

    private final LocalPeers.Options options;

    PeersStart(LocalPeers.Options options) {
        this.options = options;
    }

    LocalPeers start() throws IOException {
        checkFixedPortsAreFree();
        Path temporaryDirectory = options.dataDirectory == null ? Files.createTempDirectory("atrium-peers") : null;
        Path directory = Optional.ofNullable(options.dataDirectory).orElse(temporaryDirectory);
        Deque<AutoCloseable> started = new ArrayDeque<>();
        try {
            PostgresStandIn postgres = startPostgres(directory.resolve("postgres"));
            started.push(postgres);
            EntraTenant entra = options.hostileEntra ? startHostileEntra(directory.resolve("entra"))
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
        if (options.entraPort != 0) {
            LocalPorts.requireFree(options.entraPort, "the Entra ID stand-in");
        }
        if (options.openAiPort != 0) {
            LocalPorts.requireFree(options.openAiPort, "the Azure OpenAI stand-in");
        }
    }

    private PostgresStandIn startPostgres(Path directory) throws IOException {
        if (options.externalDatabaseUrl != null) {
            options.out.println("[atrium] PostgreSQL: using the external database " + options.externalDatabaseUrl
                    + " (ATRIUM_DB_URL); none started");
            return PostgresStandIn.external(options.externalDatabaseUrl, options.externalDatabaseUser,
                    options.externalDatabasePassword);
        }
        long started = System.nanoTime();
        PostgresStandIn postgres = options.dataDirectory == null
                ? PostgresStandIn.ephemeral()
                : PostgresStandIn.persistent(directory, options.postgresPort);
        options.out.println("[atrium] PostgreSQL " + postgres.serverVersion() + " ready on localhost:"
                + postgres.port()
                + postgres.directory().map(data -> " (data: " + data + ")").orElse(" (throw-away data)")
                + seconds(started));
        return postgres;
    }

    private EntraStandIn startEntra(Path directory) throws IOException {
        long started = System.nanoTime();
        EntraStandIn entra = EntraStandIn.start(directory, options.entraPort);
        options.out.println("[atrium] Entra ID stand-in ready, issuer " + entra.issuer() + seconds(started));
        return entra;
    }

    private HostileEntra startHostileEntra(Path directory) throws IOException {
        long started = System.nanoTime();
        HostileEntra hostile = HostileEntra.start(directory, options.entraPort);
        options.out.println("[atrium] Hostile OpenID provider ready in place of Entra ID, issuer " + hostile.issuer()
                + seconds(started));
        return hostile;
    }

    /** Trusts the access tokens of whoever plays Entra ID and knows the demo accounts' groups. */
    private GraphStandIn startGraph(EntraTenant entra) {
        long started = System.nanoTime();
        GraphStandIn graph = GraphStandIn.forDemoAccountsOf(entra);
        options.out.println("[atrium] Microsoft Graph stand-in ready at " + graph.baseUrl() + seconds(started));
        return graph;
    }

    private AzureOpenAiStandIn startOpenAi() {
        long started = System.nanoTime();
        AzureOpenAiStandIn openAi = AzureOpenAiStandIn.start(options.openAiPort, LocalPeers.OPENAI_API_KEY);
        options.out.println("[atrium] Azure OpenAI stand-in ready at " + openAi.endpoint() + seconds(started));
        return openAi;
    }

    private static String seconds(long startedNanos) {
        return String.format(Locale.ROOT, " in %.1f s", (System.nanoTime() - startedNanos) / 1e9);
    }
}
