package io.atrium.standins.payara;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Copies Payara's output to the log file, keeps the tail for error messages and notes how the boot went. */
final class PayaraOutput {

    /** Payara prints this once every deployment given on the command line has been processed, failed or not. */
    private static final String READY_LINE = "ready in";
    /** How Payara reports a WAR it could not load; it still starts, and then answers every request with an error. */
    private static final String DEPLOYMENT_FAILED_LINE = "Exception while loading the app";
    private static final int TAIL_LINES = 40;

    private final Path logFile;
    private final Deque<String> tail = new ArrayDeque<>();
    private final CountDownLatch drained = new CountDownLatch(1);
    private volatile boolean bootFinished;
    private volatile String deploymentFailure;

    private PayaraOutput(Path logFile) {
        this.logFile = logFile;
    }

    /** Starts copying {@code process}'s output into {@code log} (the file {@code logFile}) on a daemon thread. */
    static PayaraOutput follow(Process process, Writer log, Path logFile, PrintStream echo, String echoPrefix) {
        PayaraOutput output = new PayaraOutput(logFile);
        Thread pump = new Thread(() -> output.pump(process.getInputStream(), log, echo, echoPrefix),
                "payara-micro-output");
        pump.setDaemon(true);
        pump.start();
        return output;
    }

    Path logFile() {
        return logFile;
    }

    /** True once Payara has said it is ready, that is, processed every deployment given on the command line. */
    boolean bootFinished() {
        return bootFinished;
    }

    /** Payara's line about the WAR it could not load, or null while none failed. */
    String deploymentFailure() {
        return deploymentFailure;
    }

    /** Its last lines say why Payara died, so they are worth a short wait. */
    void awaitDrained() {
        try {
            drained.await(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code what} went wrong, with the last lines of the log. */
    IllegalStateException failure(String what) {
        List<String> lines;
        synchronized (tail) {
            lines = new ArrayList<>(tail);
        }
        return new IllegalStateException(what + ". Last " + lines.size() + " lines of " + logFile + ":\n"
                + String.join("\n", lines));
    }

    private void pump(InputStream payara, Writer log, PrintStream echo, String echoPrefix) {
        try (BufferedReader output = new BufferedReader(new InputStreamReader(payara, StandardCharsets.UTF_8)); log) {
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
            drained.countDown();
        }
    }
}
