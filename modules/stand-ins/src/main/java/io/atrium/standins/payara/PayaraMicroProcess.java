package io.atrium.standins.payara;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Payara Micro running a WAR in a child JVM, reachable on localhost only.
 *
 * <p>Payara Micro binds and reports the machine's external address; {@link #writeLoopbackPreboot} moves the
 * HTTP listener to 127.0.0.1, and {@code --nohazelcast} keeps its data grid from listening on port 6900 of every
 * interface (with {@code --nocluster}, even alongside {@code --nohazelcast}, it still does), unless the instance is
 * made a member of a {@link LoopbackDataGrid}. Only {@code localhost} URLs are ever used.
 *
 * <p>A truststore given with {@link Builder#truststore} becomes {@code javax.net.ssl.trustStore}. Payara Micro copies
 * that file into its runtime directory as {@code config/cacerts.p12} and points the property at the copy, so the
 * application trusts exactly that truststore (not the JDK's public CAs, nor Payara's own).
 */
public final class PayaraMicroProcess implements AutoCloseable {

    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private final Process process;
    private final int port;
    private final Path workDirectory;
    private final PayaraOutput output;

    PayaraMicroProcess(Process process, int port, Path workDirectory, PayaraOutput output) {
        this.process = process;
        this.port = port;
        this.workDirectory = workDirectory;
        this.output = output;
    }

    public static Builder builder(Path microJar, Path war) {
        return new Builder(microJar, war);
    }

    private static final String LOOPBACK_LISTENER = "set configs.config.server-config.network-config.network-listeners"
            + ".network-listener.http-listener.address=127.0.0.1\n";
    /**
     * Atrium's WAR is {@code <distributable/>}: without this, Payara Micro under {@code --nohazelcast} still hands its
     * sessions to the missing data grid and logs a stack trace ("Hazelcast is not enabled") at every session save.
     */
    public static final String SESSIONS_IN_MEMORY = "set configs.config.server-config.availability-service"
            + ".web-container-availability.availability-enabled=false\n";

    /** Writes the pre-boot command that binds the HTTP listener to 127.0.0.1, for {@code --prebootcommandfile}. */
    public static Path writeLoopbackPreboot(Path file) throws IOException {
        return write(file, LOOPBACK_LISTENER);
    }

    /**
     * The same for an instance without a data grid ({@code --nohazelcast}), which keeps its sessions in memory
     * (Arquillian: {@code payara.extraMicroOptions=--nohazelcast --prebootcommandfile <file>}).
     */
    public static Path writeSingleInstancePreboot(Path file) throws IOException {
        return write(file, LOOPBACK_LISTENER + SESSIONS_IN_MEMORY);
    }

    private static Path write(Path file, String commands) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, commands, StandardCharsets.UTF_8);
        return file;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://localhost:" + port;
    }

    /** The child JVM's process id, for reading its memory from {@code /proc}. */
    public long pid() {
        return process.pid();
    }

    public Path logFile() {
        return output.logFile();
    }

    /** The CPU time Payara's JVM has used so far, all its threads together. */
    public Duration cpuTime() {
        return process.toHandle().info().totalCpuDuration()
                .orElseThrow(() -> new IllegalStateException("this system does not report a process's CPU time"));
    }

    /** Blocks until Payara Micro has exited, for whatever reason, and returns its exit code. */
    public int waitForExit() throws InterruptedException {
        return process.waitFor();
    }

    /**
     * Waits until Payara has finished booting and answers HTTP on localhost; any status counts, since the
     * application may well redirect to sign-in.
     *
     * @throws IllegalStateException with the last lines of the log, when Payara exits or the deadline passes first
     */
    public PayaraMicroProcess awaitReady(Duration timeout) {
        Readiness.await(process, output, url(), timeout);
        return this;
    }

    /** Asks Payara to shut down (SIGTERM runs its shutdown hooks), and kills it if it has not within 30 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_WAIT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        if (!process.isAlive()) {
            LeftoverPayara.forget(workDirectory);
        }
    }

    /** How to launch Payara Micro; {@link #start()} launches it. */
    public static final class Builder {

        // Read by PayaraLaunch, which starts what they describe.
        final Path microJar;
        final Path war;
        int port = 8080;
        String maxHeap = "512m";
        final Map<String, String> environment = new LinkedHashMap<>();
        final Map<String, String> systemProperties = new LinkedHashMap<>();
        final List<String> extraArguments = new ArrayList<>();
        final List<String> jvmOptions = new ArrayList<>();
        Path workDirectory;
        PrintStream echo;
        String echoPrefix = "";
        final Map<Path, String> otherDeployments = new LinkedHashMap<>();
        LoopbackDataGrid dataGrid;
        int dataGridMember;

        private Builder(Path microJar, Path war) {
            this.microJar = Objects.requireNonNull(microJar, "microJar");
            this.war = Objects.requireNonNull(war, "war");
        }

        /** The HTTP port on 127.0.0.1; 0 picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The child JVM's {@code -Xmx}, such as {@code 768m}: Payara otherwise takes a quarter of the machine. */
        public Builder maxHeap(String maxHeap) {
            this.maxHeap = maxHeap;
            return this;
        }

        /** Environment variables for the child, which MicroProfile Config reads. */
        public Builder environment(Map<String, String> variables) {
            environment.putAll(variables);
            return this;
        }

        /** {@code -D} options for the child. */
        public Builder systemProperties(Map<String, String> properties) {
            systemProperties.putAll(properties);
            return this;
        }

        /** The truststore the application's outgoing TLS trusts, such as the Entra ID stand-in's. */
        public Builder truststore(Path truststore, String password) {
            systemProperties.put("javax.net.ssl.trustStore", truststore.toAbsolutePath().toString());
            systemProperties.put("javax.net.ssl.trustStorePassword", password);
            systemProperties.put("javax.net.ssl.trustStoreType", "PKCS12");
            return this;
        }

        /** Options for the child JVM itself, such as a class-data archive ({@code -XX:SharedArchiveFile=...}). */
        public Builder jvmOptions(List<String> options) {
            jvmOptions.addAll(options);
            return this;
        }

        /** More Payara Micro options, such as {@code --logproperties <file>}. */
        public Builder extraArguments(List<String> arguments) {
            extraArguments.addAll(arguments);
            return this;
        }

        /** Where the log file and the pre-boot command file go; a temporary directory when not set. */
        public Builder workDirectory(Path workDirectory) {
            this.workDirectory = workDirectory;
            return this;
        }

        /** Another WAR to deploy beside the first, at the context root given, such as {@code /baseline}. */
        public Builder alsoDeploy(Path otherWar, String contextRoot) {
            otherDeployments.put(Objects.requireNonNull(otherWar, "otherWar"),
                    Objects.requireNonNull(contextRoot, "contextRoot"));
            return this;
        }

        /**
         * Makes the instance member {@code member} of {@code grid} instead of starting it without Hazelcast: sessions
         * of a {@code <distributable/>} WAR and clustered CDI events are then shared with the grid's other members.
         */
        public Builder dataGrid(LoopbackDataGrid grid, int member) {
            Objects.checkIndex(member, grid.ports().size());
            this.dataGrid = grid;
            this.dataGridMember = member;
            return this;
        }

        /** Also prints every line of Payara's output to {@code out}, prefixed. */
        public Builder echo(PrintStream out, String prefix) {
            this.echo = out;
            this.echoPrefix = prefix;
            return this;
        }

        public PayaraMicroProcess start() throws IOException {
            return PayaraLaunch.start(this);
        }
    }
}
