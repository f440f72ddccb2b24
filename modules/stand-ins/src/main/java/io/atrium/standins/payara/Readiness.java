package io.atrium.standins.payara;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/** Polls a booting Payara Micro until it answers HTTP, or fails with why not: it exited, a WAR failed, time ran out. */
final class Readiness {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(500);

    private Readiness() {
    }

    /** Any status counts as an answer, since the application may well redirect to sign-in. */
    static void await(Process process, PayaraOutput output, String url, Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/")).timeout(Duration.ofSeconds(10)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                output.awaitDrained();
                throw output.failure("Payara Micro exited with code " + process.exitValue() + " before it was ready");
            }
            if (output.bootFinished() && output.deploymentFailure() != null) {
                throw output.failure("Payara Micro started but could not deploy the WAR: "
                        + output.deploymentFailure());
            }
            // Before Payara has deployed the WAR, its listener already answers 404 for everything.
            if (output.bootFinished() && answers(client, request)) {
                return;
            }
            pause();
        }
        throw output.failure("Payara Micro was not ready on " + url + " within " + timeout.toSeconds() + " s. "
                + ThreadDump.ofBusyThreads(process.pid(), output.logFile().resolveSibling("threads.txt")));
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
}
