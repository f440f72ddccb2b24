package io.atrium.standins.payara;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** A running JVM's threads that run Payara's or Atrium's code, by {@code jcmd}, for a boot that hangs. */
final class ThreadDump {

    private static final int DUMP_LINES = 150;

    private ThreadDump() {
    }

    /**
     * What a Payara that hangs while booting is doing: its threads that run Payara's or Atrium's code (the whole dump
     * goes to {@code file}). A start-up hang was seen once in CI with nothing in the log after Grizzly.
     */
    static String ofBusyThreads(long pid, Path file) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process dump = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "Thread.print")
                    .redirectErrorStream(true).redirectOutput(file.toFile()).start();
            if (!dump.waitFor(30, TimeUnit.SECONDS)) {
                dump.destroyForcibly();
                return "jcmd did not answer within 30 s";
            }
            List<String> busy = new ArrayList<>();
            for (String thread : Files.readString(file).split("\\R\\R")) {
                if (thread.contains("io.atrium") || thread.contains("fish.payara")
                        || thread.contains("org.glassfish")) {
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
}
