package io.atrium.standins.payara;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stand-ins for Payara are shells whose arguments mention payara-micro, which is what the check looks for; the
 * {@code ; true} keeps the shell from replacing itself with {@code sleep}.
 */
class LeftoverPayaraTest {

    private static final String SELF = Long.toString(ProcessHandle.current().pid());

    @TempDir
    Path directory;

    @Test
    void a_payara_whose_launcher_died_is_stopped() throws Exception {
        Process launcher = new ProcessBuilder("sh", "-c",
                "sh -c 'sleep 60; true' payara-micro.jar >/dev/null 2>&1 & echo $!").start();
        long orphan = Long.parseLong(new String(launcher.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
        assertThat(launcher.waitFor(10, TimeUnit.SECONDS)).isTrue();
        Files.writeString(directory.resolve("payara-micro.pid"), orphan + " " + launcher.pid());

        LeftoverPayara.stopIfRunning(directory);

        assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(directory.resolve("payara-micro.pid")).doesNotExist();
    }

    @Test
    void a_payara_whose_launcher_is_alive_is_left_alone() throws Exception {
        Process payara = new ProcessBuilder("sh", "-c", "sleep 60; true", "payara-micro.jar").start();
        try {
            Files.writeString(directory.resolve("payara-micro.pid"), payara.pid() + " " + SELF);

            assertThatThrownBy(() -> LeftoverPayara.stopIfRunning(directory))
                    .hasMessageContaining("is still running");
            assertThat(payara.isAlive()).isTrue();
        } finally {
            payara.destroyForcibly().waitFor();
        }
    }

    @Test
    void a_pid_now_used_by_another_program_is_not_stopped() throws Exception {
        Process other = new ProcessBuilder("sleep", "60").start();
        try {
            Files.writeString(directory.resolve("payara-micro.pid"), other.pid() + " 1");

            LeftoverPayara.stopIfRunning(directory);

            assertThat(other.isAlive()).isTrue();
            assertThat(directory.resolve("payara-micro.pid")).doesNotExist();
        } finally {
            other.destroyForcibly().waitFor();
        }
    }
}
