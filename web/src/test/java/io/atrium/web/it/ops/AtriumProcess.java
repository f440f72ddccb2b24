package io.atrium.web.it.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

import io.atrium.standins.LocalPeers;
import io.atrium.standins.payara.LoopbackDataGrid;
import io.atrium.standins.payara.PayaraMicroProcess;
import io.atrium.web.it.AtriumStack;

/**
 * Atrium's WAR on a Payara Micro of its own, for tests that need what Arquillian's shared container does not give:
 * their own database, Payara options ({@code --logproperties}) or its log file. Configured through environment
 * variables, as in a container.
 */
final class AtriumProcess implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(5);

    private final PayaraMicroProcess payara;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private AtriumProcess(PayaraMicroProcess payara) {
        this.payara = payara;
    }

    /** Atrium against the shared peers, with {@code overrides} on top of their settings. */
    static AtriumProcess start(Path directory, Map<String, String> overrides, String... payaraArguments)
            throws IOException {
        return start(directory, overrides, payara -> payara.extraArguments(List.of(payaraArguments)));
    }

    /** The same as member {@code member} of {@code grid}: sessions and changes to employees shared with the others. */
    static AtriumProcess startInDataGrid(Path directory, Map<String, String> overrides, LoopbackDataGrid grid,
                                         int member) throws IOException {
        return start(directory, overrides, payara -> payara.dataGrid(grid, member));
    }

    /** The same with {@code options} applied last: another truststore, say, for peers of the test's own. */
    static AtriumProcess start(Path directory, Map<String, String> overrides,
                               Consumer<PayaraMicroProcess.Builder> options) throws IOException {
        LocalPeers peers = AtriumStack.peers();
        Map<String, String> environment = new LinkedHashMap<>(peers.atriumEnvironment());
        environment.putAll(overrides);
        PayaraMicroProcess.Builder builder = PayaraMicroProcess.builder(path("payara.microJar"), path("atrium.war"))
                .port(0)
                .environment(environment)
                .truststore(peers.truststore(), peers.truststorePassword())
                .workDirectory(directory);
        options.accept(builder);
        PayaraMicroProcess payara = builder.start();
        try {
            payara.awaitReady(STARTUP_TIMEOUT);
        } catch (RuntimeException e) {
            payara.close();
            throw e;
        }
        return new AtriumProcess(payara);
    }

    private static Path path(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("System property " + property + " is not set: run the tests through Maven");
        }
        return Path.of(value);
    }

    URI uri(String path) {
        return URI.create(payara.url() + path);
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Polls a health endpoint until it answers {@code status}, for at most 30 s. */
    HealthAnswer awaitHealth(String path, int status) {
        return awaitHealth(path, answer -> answer.httpStatus() == status, "HTTP " + status);
    }

    /** Polls a health endpoint until its check {@code name} says {@code status}, for at most 30 s. */
    HealthAnswer awaitCheck(String path, String name, String status) {
        return awaitHealth(path, answer -> status.equals(answer.checks().get(name)), name + " " + status);
    }

    private HealthAnswer awaitHealth(String path, Predicate<HealthAnswer> awaited, String what) {
        Instant deadline = Instant.now().plusSeconds(30);
        HealthAnswer answer = HealthAnswer.of(get(path));
        while (!awaited.test(answer) && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            answer = HealthAnswer.of(get(path));
        }
        if (!awaited.test(answer)) {
            throw new AssertionError(path + " still not " + what + " after 30 s: " + answer.httpStatus() + " "
                    + answer.body());
        }
        return answer;
    }

    /** Everything Payara Micro has printed so far. */
    String log() {
        try {
            return Files.readString(payara.logFile(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path logFile() {
        return payara.logFile();
    }

    @Override
    public void close() {
        payara.close();
    }
}
