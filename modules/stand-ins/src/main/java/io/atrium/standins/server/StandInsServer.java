package io.atrium.standins.server;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.atrium.standins.LocalPeers;

/**
 * The stand-ins as a process of their own, for the container demo ({@code docker/docker-compose.yml}): the Entra ID,
 * Microsoft Graph and Azure OpenAI stand-ins, using the database named by {@code ATRIUM_DB_URL} (PostgreSQL runs in a
 * container of its own) or an embedded PostgreSQL without it. Atrium's settings for these peers are written to a
 * properties file that Payara Micro reads with {@code --systemproperties}; it is written last, so its presence says the
 * stand-ins are ready.
 *
 * <p>The stand-ins listen on 127.0.0.1 only. The browser must reach the Entra ID stand-in too, from outside the
 * container, under the same {@code https://localhost:PORT} issuer that Atrium sees: its port is therefore also
 * forwarded from the container's other addresses.
 *
 * <p>Environment: {@code STANDINS_DATA_DIR} (default {@code /data}), {@code STANDINS_ENTRA_PORT} (9443),
 * {@code STANDINS_OPENAI_PORT} (9080), {@code ATRIUM_DB_URL}, {@code ATRIUM_DB_USER}, {@code ATRIUM_DB_PASSWORD}.
 */
public final class StandInsServer {

    public static final String SETTINGS_FILE = "atrium.properties";

    private StandInsServer() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Running running = start(System.getenv(), LoopbackForwarder.otherAddresses());
        Runtime.getRuntime().addShutdownHook(new Thread(running::close, "stand-ins-stop"));
        System.out.println("[atrium] Stand-ins ready; Entra ID stand-in also on " + running.forwarder().addresses()
                + "; Atrium's settings in " + running.settings());
        Thread.currentThread().join();
    }

    /** Starts the stand-ins, forwards the Entra stand-in's port from {@code forwardFrom}, and writes the settings. */
    static Running start(Map<String, String> environment, List<InetAddress> forwardFrom) throws IOException {
        Path directory = Path.of(environment.getOrDefault("STANDINS_DATA_DIR", "/data"));
        int entraPort = port(environment, "STANDINS_ENTRA_PORT", 9443);
        int openAiPort = port(environment, "STANDINS_OPENAI_PORT", 9080);
        Path settings = directory.resolve(SETTINGS_FILE);
        // A file left by an earlier run would announce stand-ins that are not up yet.
        Files.deleteIfExists(settings);

        LocalPeers peers = LocalPeers.start(LocalPeers.Options.persistent(directory)
                .ports(0, entraPort, openAiPort)
                .externalDatabaseFrom(environment));
        try {
            LoopbackForwarder forwarder = LoopbackForwarder.start(forwardFrom, entraPort);
            write(settings, peers.atriumSystemProperties());
            return new Running(peers, forwarder, settings);
        } catch (IOException | RuntimeException e) {
            peers.close();
            throw e;
        }
    }

    /** The running stand-ins; closing stops the forwarding, then the stand-ins. */
    record Running(LocalPeers peers, LoopbackForwarder forwarder, Path settings) implements AutoCloseable {

        @Override
        public void close() {
            forwarder.close();
            peers.close();
        }
    }

    private static void write(Path file, Map<String, String> settings) throws IOException {
        Properties properties = new Properties();
        properties.putAll(settings);
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try (OutputStream out = Files.newOutputStream(partial)) {
            properties.store(out, "Atrium's settings for the stand-ins (Payara Micro --systemproperties)");
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static int port(Map<String, String> environment, String variable, int fallback) {
        String value = environment.get(variable);
        try {
            return value == null || value.isBlank() ? fallback : Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(variable + " must be a port number, not " + value);
        }
    }

}
