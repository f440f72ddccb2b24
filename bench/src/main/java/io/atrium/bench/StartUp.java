package io.atrium.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import io.atrium.standins.payara.PayaraMicroProcess;

/**
 * Item 5, start-up: seconds from launching Payara Micro to its answering HTTP with the WAR deployed, and the resident
 * memory after a short idle, for Atrium's WAR and for an empty WAR on the same Payara Micro with the same JVM options;
 * started alternately several times, medians compared. Then Atrium again from a class-data archive (AppCDS) that a
 * {@code --warmup} run recorded, as a container image can ship one, against the same empty-WAR baseline.
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
        List<Launch> archived = withClassDataArchive(launcher, atriumWar, directory);
        double archivedSeconds = Stats.median(archived.stream().mapToDouble(Launch::seconds).toArray());
        double archivedMemory = Stats.median(archived.stream().mapToDouble(Launch::residentMebibytes).toArray());
        return List.of(
                new Figure("startup", "launch to ready, median of " + launches + " (s)", Figure.number(atriumSeconds, 1),
                        Figure.number(emptySeconds, 1) + baseline, Figure.ratio(atriumSeconds / emptySeconds),
                        "<= " + Figure.ratio(TARGET_RATIO), Figure.Verdict.of(atriumSeconds / emptySeconds
                        <= TARGET_RATIO)),
                new Figure("startup", "resident memory after " + idleSeconds + " s idle, median (MiB)",
                        Figure.number(atriumMemory, 0), Figure.number(emptyMemory, 0) + baseline,
                        Figure.difference(atriumMemory - emptyMemory, 0, "MiB"),
                        "<= +" + Figure.number(TARGET_ADDED_MEBIBYTES, 0) + " MiB",
                        Figure.Verdict.of(atriumMemory - emptyMemory <= TARGET_ADDED_MEBIBYTES)),
                new Figure("startup", "with a class-data archive (AppCDS): launch to ready (s)",
                        Figure.number(archivedSeconds, 1), Figure.number(emptySeconds, 1) + baseline,
                        Figure.ratio(archivedSeconds / emptySeconds), "<= " + Figure.ratio(TARGET_RATIO),
                        Figure.Verdict.of(archivedSeconds / emptySeconds <= TARGET_RATIO)),
                new Figure("startup", "with a class-data archive (AppCDS): resident memory (MiB)",
                        Figure.number(archivedMemory, 0), Figure.number(emptyMemory, 0) + baseline,
                        Figure.difference(archivedMemory - emptyMemory, 0, "MiB"),
                        "<= +" + Figure.number(TARGET_ADDED_MEBIBYTES, 0) + " MiB",
                        Figure.Verdict.of(archivedMemory - emptyMemory <= TARGET_ADDED_MEBIBYTES)));
    }

    /**
     * One {@code --warmup} run (Payara Micro deploys, then exits) writes the classes it loaded to an archive; the
     * launches then map it. Every run shares one Payara root directory, because the archive holds classes by the
     * path of the jar they came from, and Payara Micro unpacks its modules into that directory.
     */
    private List<Launch> withClassDataArchive(Launcher launcher, Path war, Path directory) throws IOException,
            InterruptedException {
        Path root = directory.resolve("startup-cds-root");
        Path archive = directory.resolve("startup-cds.jsa");
        List<String> rootDir = List.of("--rootdir", root.toString());
        try (PayaraMicroProcess training = launcher.with(war, directory.resolve("startup-cds-training"))
                .jvmOptions(List.of("-XX:ArchiveClassesAtExit=" + archive)).extraArguments(rootDir)
                .extraArguments(List.of("--warmup")).start()) {
            int exit = training.waitForExit();
            if (exit != 0 || !Files.isRegularFile(archive)) {
                throw new IOException("the --warmup run wrote no class-data archive (exit " + exit + "; see "
                        + training.logFile() + ")");
            }
        }
        List<Launch> launches = new ArrayList<>();
        for (int i = 1; i <= this.launches; i++) {
            Path work = directory.resolve("startup-cds-" + i);
            launches.add(launch(() -> launcher.with(war, work).jvmOptions(List.of("-XX:SharedArchiveFile=" + archive,
                    "-Xshare:auto")).extraArguments(rootDir), "Atrium's WAR with AppCDS"));
        }
        return launches;
    }

    private Launch launch(Launcher launcher, Path war, Path workDirectory, String what) throws IOException,
            InterruptedException {
        return launch(() -> launcher.with(war, workDirectory), what);
    }

    private Launch launch(Supplier<PayaraMicroProcess.Builder> builder, String what)
            throws IOException, InterruptedException {
        long started = System.nanoTime();
        try (PayaraMicroProcess payara = builder.get().start()) {
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
