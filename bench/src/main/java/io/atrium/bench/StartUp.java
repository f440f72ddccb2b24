package io.atrium.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.atrium.standins.payara.PayaraMicroProcess;

/**
 * Item 5, start-up: seconds from launching Payara Micro to its answering HTTP with the WAR deployed, and the resident
 * memory after a short idle, for Atrium's WAR and for an empty WAR on the same Payara Micro with the same JVM options;
 * started alternately several times, medians compared.
 */
final class StartUp {

    private static final double TARGET_RATIO = 1.5;
    private static final double TARGET_ADDED_MEBIBYTES = 150;
    private static final Duration TIMEOUT = Duration.ofMinutes(4);

    private final int launches = Integer.getInteger("bench.startups", 3);
    private final int idleSeconds = Integer.getInteger("bench.idle-seconds", 10);

    /** How to launch Payara Micro with a given WAR in a given directory, the same options for every WAR. */
    interface Launcher {
        PayaraMicroProcess.Builder with(Path war, Path workDirectory);
    }

    List<Figure> run(Launcher launcher, Path atriumWar, Path emptyWar, Path directory) throws IOException,
            InterruptedException {
        List<Launch> atrium = new ArrayList<>();
        List<Launch> empty = new ArrayList<>();
        for (int i = 1; i <= launches; i++) {
            atrium.add(launch(launcher, atriumWar, directory.resolve("startup-atrium-" + i), "Atrium's WAR"));
            empty.add(launch(launcher, emptyWar, directory.resolve("startup-empty-" + i), "an empty WAR"));
        }
        double atriumSeconds = Stats.median(atrium.stream().mapToDouble(Launch::seconds).toArray());
        double emptySeconds = Stats.median(empty.stream().mapToDouble(Launch::seconds).toArray());
        double atriumMemory = Stats.median(atrium.stream().mapToDouble(Launch::residentMebibytes).toArray());
        double emptyMemory = Stats.median(empty.stream().mapToDouble(Launch::residentMebibytes).toArray());
        String baseline = " empty WAR, same Payara Micro and JVM options";
        return List.of(
                new Figure("startup", "launch to ready, median of " + launches + " (s)", Figure.number(atriumSeconds, 1),
                        Figure.number(emptySeconds, 1) + baseline, Figure.ratio(atriumSeconds / emptySeconds),
                        "<= " + Figure.ratio(TARGET_RATIO), Figure.Verdict.of(atriumSeconds / emptySeconds
                        <= TARGET_RATIO)),
                new Figure("startup", "resident memory after " + idleSeconds + " s idle, median (MiB)",
                        Figure.number(atriumMemory, 0), Figure.number(emptyMemory, 0) + baseline,
                        Figure.difference(atriumMemory - emptyMemory, 0, "MiB"),
                        "<= +" + Figure.number(TARGET_ADDED_MEBIBYTES, 0) + " MiB",
                        Figure.Verdict.of(atriumMemory - emptyMemory <= TARGET_ADDED_MEBIBYTES)));
    }

    private Launch launch(Launcher launcher, Path war, Path workDirectory, String what) throws IOException,
            InterruptedException {
        long started = System.nanoTime();
        try (PayaraMicroProcess payara = launcher.with(war, workDirectory).start()) {
            payara.awaitReady(TIMEOUT);
            double seconds = (System.nanoTime() - started) / 1e9;
            Thread.sleep(idleSeconds * 1000L);
            double memory = ProcStatus.residentMebibytes(payara.pid());
            System.out.printf(Locale.ROOT, "[bench] startup: %s ready in %.1f s, %.0f MiB resident after %d s idle%n",
                    what, seconds, memory, idleSeconds);
            return new Launch(seconds, memory);
        }
    }

    private record Launch(double seconds, double residentMebibytes) {
    }
}
