package io.atrium.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process's memory as Linux reports it in {@code /proc/PID/status}. */
final class ProcStatus {

    private ProcStatus() {
    }

    /** The resident set size of a running process, in MiB. */
    static double residentMebibytes(long pid) throws IOException {
        return residentKibibytes(Files.readString(Path.of("/proc", Long.toString(pid), "status"))) / 1024.0;
    }

    /** {@code VmRSS} of a status file's text, in KiB (the kernel's "kB"). */
    static long residentKibibytes(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                String value = line.substring("VmRSS:".length()).strip();
                if (!value.endsWith(" kB")) {
                    throw new IllegalArgumentException("VmRSS not in kB: " + line);
                }
                return Long.parseLong(value.substring(0, value.length() - 3).strip());
            }
        }
        throw new IllegalArgumentException("no VmRSS line (a kernel thread, or a process that has ended?)");
    }
}
