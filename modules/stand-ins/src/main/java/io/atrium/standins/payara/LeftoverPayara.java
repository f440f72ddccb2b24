package io.atrium.standins.payara;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A Payara Micro still running from an earlier launch in the same work directory, because the JVM that launched it
 * was killed before it could stop it. It would hold the HTTP port and keep connections to the database open.
 *
 * <p>The pid file names Payara and its launcher. While Payara's parent is still that launcher, the launch is alive
 * (another dev mode, say) and is left alone.
 */
public final class LeftoverPayara {

    private static final String PID_FILE = "payara-micro.pid";
    private static final long STOP_WAIT_SECONDS = 30;

    private LeftoverPayara() {
    }

    /**
     * Stops the Payara Micro that the pid file in {@code workDirectory} names, if its launcher has died. Dev mode calls
     * this before starting PostgreSQL, so a server left behind by the same earlier run has no client.
     *
     * @throws IllegalStateException when that Payara's launcher is still running
     */
    public static void stopIfRunning(Path workDirectory) throws IOException {
        Path pidFile = workDirectory.resolve(PID_FILE);
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        String[] pids = Files.readString(pidFile).strip().split(" ");
        Optional<ProcessHandle> payara = pids.length == 2 ? payaraMicro(pids[0]) : Optional.empty();
        if (payara.isPresent()) {
            if (payara.get().parent().map(parent -> Long.toString(parent.pid()).equals(pids[1])).orElse(false)) {
                throw new IllegalStateException("Payara Micro (pid " + pids[0] + ") from " + workDirectory
                        + " is still running, launched by pid " + pids[1] + "; stop that first.");
            }
            System.out.println("[atrium] Stopping Payara Micro (pid " + payara.get().pid()
                    + ") left running by an earlier run");
            stop(payara.get());
        }
        Files.deleteIfExists(pidFile);
    }

    static void remember(Path workDirectory, Process process) throws IOException {
        Files.writeString(workDirectory.resolve(PID_FILE), process.pid() + " " + ProcessHandle.current().pid());
    }

    static void forget(Path workDirectory) {
        try {
            Files.deleteIfExists(workDirectory.resolve(PID_FILE));
        } catch (IOException e) {
            // A pid file left behind is harmless: the next start finds its process gone.
        }
    }

    private static Optional<ProcessHandle> payaraMicro(String pid) {
        if (!pid.matches("\\d+")) {
            return Optional.empty();
        }
        // The pid may belong to another program by now; only a JVM running a Payara Micro jar is stopped.
        return ProcessHandle.of(Long.parseLong(pid))
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info().arguments()
                        .map(arguments -> Arrays.stream(arguments).anyMatch(argument -> argument.contains("payara-micro")))
                        .orElse(false));
    }

    private static void stop(ProcessHandle payara) throws IOException {
        payara.destroy();
        try {
            payara.onExit().get(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            payara.destroyForcibly();
            payara.onExit().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while stopping the leftover Payara Micro " + payara.pid(), e);
        } catch (ExecutionException e) {
            throw new IOException("Cannot stop the leftover Payara Micro " + payara.pid(), e);
        }
    }
}
