package io.atrium.standins.payara;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.atrium.standins.LocalPorts;

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

    /** Payara prints this once every deployment given on the command line has been processed, failed or not. */
    private static final String READY_LINE = "ready in";
    /** How Payara reports a WAR it could not load; it still starts, and then answers every request with an error. */
    private static final String DEPLOYMENT_FAILED_LINE = "Exception while loading the app";
    private static final int TAIL_LINES = 40;
    private static final int DUMP_LINES = 150;
    private static final Duration POLL_INTERVAL = Duration.ofMillis(500);
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private final Process process;
    private final int port;
    private final Path workDirectory;
    private final Path logFile;
    private final Deque<String> tail = new ArrayDeque<>();
    private final CountDownLatch outputDrained = new CountDownLatch(1);
    private volatile boolean bootFinished;
    private volatile String deploymentFailure;

    private PayaraMicroProcess(Process process, int port, Path workDirectory, Path logFile) {
        this.process = process;
        this.port = port;
        this.workDirectory = workDirectory;
        this.logFile = logFile;
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
        return logFile;
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
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url() + "/")).timeout(Duration.ofSeconds(10)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                awaitOutputDrained();
                throw failure("Payara Micro exited with code " + process.exitValue() + " before it was ready");
            }
            if (bootFinished && deploymentFailure != null) {
                throw failure("Payara Micro started but could not deploy the WAR: " + deploymentFailure);
            }
            // Before Payara has deployed the WAR, its listener already answers 404 for everything.
            if (bootFinished && answers(client, request)) {
                return this;
            }
            pause();
        }
        throw failure("Payara Micro was not ready on " + url() + " within " + timeout.toSeconds() + " s. "
                + threadDump());
    }

    /**
     * What a Payara that hangs while booting is doing: its threads that run Payara's or Atrium's code (the whole dump
     * goes to a file beside the log). A start-up hang was seen once in CI with nothing in the log after Grizzly.
     */
    private String threadDump() {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Path file = logFile.resolveSibling("threads.txt");
        try {
            Process dump = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "Thread.print")
                    .redirectErrorStream(true).redirectOutput(file.toFile()).start();
            if (!dump.waitFor(30, TimeUnit.SECONDS)) {
                dump.destroyForcibly();
                return "jcmd did not answer within 30 s";
            }
            List<String> busy = new ArrayList<>();
            for (String thread : Files.readString(file).split("\\R\\R")) {
                if (thread.contains("io.atrium") || thread.contains("fish.payara") || thread.contains("org.glassfish")) {
                    busy.add(thread);
                }
            }
            String threads = String.join("\n\n", busy).lines().limit(DUMP_LINES)
                    .collect(Collectors.joining("\n"));
            return "Its threads in Payara's or Atrium's code (all in " + file + "):\n"
                    + (threads.isEmpty() ? "none" : threads);
        } catch (IOException e) {
            return "no thread dump: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "no thread dump: interrupted";
        }
    }

    /** Its last lines say why Payara died, so they are worth a short wait. */
    private void awaitOutputDrained() {
        try {
            outputDrained.await(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean answers(HttpClient client, HttpRequest request) {
        try {
            client.send(request, HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (IOException e) {
            // Not listening yet, or the connection was refused or timed out: ask again at the next poll.
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Payara Micro", e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Payara Micro", e);
        }
    }

    private IllegalStateException failure(String what) {
        List<String> lines;
        synchronized (tail) {
            lines = new ArrayList<>(tail);
        }
        return new IllegalStateException(what + ". Last " + lines.size() + " lines of " + logFile + ":\n"
                + String.join("\n", lines));
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

    /** Copies Payara's output to the log file, keeps the tail for error messages and echoes it when asked. */
    private void pumpOutput(Writer log, PrintStream echo, String echoPrefix) {
        try (BufferedReader output = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)); log) {
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                log.write(line);
                log.write(System.lineSeparator());
                log.flush();
                synchronized (tail) {
                    if (tail.size() == TAIL_LINES) {
                        tail.removeFirst();
                    }
                    tail.addLast(line);
                }
                if (deploymentFailure == null && line.contains(DEPLOYMENT_FAILED_LINE)) {
                    deploymentFailure = line.substring(line.indexOf(DEPLOYMENT_FAILED_LINE));
                }
                if (line.contains(READY_LINE) && line.contains("Payara Micro")) {
                    bootFinished = true;
                }
                if (echo != null) {
                    echo.println(echoPrefix + line);
                }
            }
        } catch (IOException e) {
            // The stream closes when the process ends; nothing is lost that the log file does not already hold.
        } finally {
            outputDrained.countDown();
        }
    }

    /** How to launch Payara Micro; {@link #start()} launches it. */
    public static final class Builder {

        private final Path microJar;
        private final Path war;
        private int port = 8080;
        private String maxHeap = "512m";
        private final Map<String, String> environment = new LinkedHashMap<>();
        private final Map<String, String> systemProperties = new LinkedHashMap<>();
        private final List<String> extraArguments = new ArrayList<>();
        private final List<String> jvmOptions = new ArrayList<>();
        private Path workDirectory;
        private PrintStream echo;
        private String echoPrefix = "";
        private final Map<Path, String> otherDeployments = new LinkedHashMap<>();
        private LoopbackDataGrid dataGrid;
        private int dataGridMember;

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
            requireFile(microJar, "The Payara Micro jar", "./mvnw -pl web process-test-resources");
            requireFile(war, "The WAR to deploy", "./mvnw -pl web package");
            Path directory = workDirectory != null ? workDirectory : Files.createTempDirectory("atrium-payara");
            Files.createDirectories(directory);
            LeftoverPayara.stopIfRunning(directory);
            int httpPort = port == 0 ? LocalPorts.free() : port;
            LocalPorts.requireFree(httpPort, "Payara Micro");
            Path preboot = dataGrid == null ? writeSingleInstancePreboot(directory.resolve("preboot-loopback.asadmin"))
                    : writeLoopbackPreboot(directory.resolve("preboot-loopback.asadmin"));
            Path logFile = directory.resolve("payara-micro.log");

            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-Xmx" + maxHeap);
            command.addAll(jvmOptions);
            Map<String, String> properties = new LinkedHashMap<>(systemProperties);
            if (dataGrid != null) {
                properties.putAll(LoopbackDataGrid.SYSTEM_PROPERTIES);
            }
            properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
            command.addAll(List.of("-jar", microJar.toAbsolutePath().toString(),
                    "--deploy", war.toAbsolutePath().toString(), "--contextroot", "/",
                    "--port", Integer.toString(httpPort),
                    "--prebootcommandfile", preboot.toString()));
            command.addAll(dataGrid == null ? List.of("--nohazelcast") : dataGrid.arguments(dataGridMember));
            command.addAll(extraArguments);
            // Payara Micro takes a deployment's own context root after its path: --deploy file.war:/root
            otherDeployments.forEach((otherWar, contextRoot) -> command.addAll(List.of("--deploy",
                    otherWar.toAbsolutePath() + File.pathSeparator + contextRoot)));
            ProcessBuilder processBuilder = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectErrorStream(true);
            processBuilder.environment().putAll(environment);

            Writer log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8);
            Process process;
            try {
                process = processBuilder.start();
            } catch (IOException e) {
                log.close();
                throw e;
            }
            LeftoverPayara.remember(directory, process);
            PayaraMicroProcess payara = new PayaraMicroProcess(process, httpPort, directory, logFile);
            Thread pump = new Thread(() -> payara.pumpOutput(log, echo, echoPrefix), "payara-micro-output");
            pump.setDaemon(true);
            pump.start();
            return payara;
        }

        private static void requireFile(Path file, String what, String howToBuild) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException(what + " does not exist: " + file.toAbsolutePath()
                        + " (build it with " + howToBuild + ")");
            }
        }
    }
}
