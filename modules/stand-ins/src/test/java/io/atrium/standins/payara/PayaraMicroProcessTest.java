package io.atrium.standins.payara;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PayaraMicroProcessTest {

    @TempDir
    Path directory;

    @Test
    void preboot_commands_bind_the_http_listener_to_loopback() throws Exception {
        Path file = PayaraMicroProcess.writeLoopbackPreboot(directory.resolve("arquillian/preboot.asadmin"));

        assertThat(Files.readAllLines(file)).containsExactly("set configs.config.server-config.network-config"
                + ".network-listeners.network-listener.http-listener.address=127.0.0.1");
    }

    @Test
    void a_single_instance_also_keeps_its_sessions_in_memory_rather_than_in_the_missing_data_grid() throws Exception {
        Path file = PayaraMicroProcess.writeSingleInstancePreboot(directory.resolve("preboot.asadmin"));

        assertThat(Files.readAllLines(file)).hasSize(2).contains("set configs.config.server-config"
                + ".availability-service.web-container-availability.availability-enabled=false");
    }

    @Test
    void a_missing_war_fails_before_anything_is_launched() throws Exception {
        Path microJar = Files.createFile(directory.resolve("payara-micro.jar"));
        Path war = directory.resolve("web/target/atrium.war");

        assertThatThrownBy(() -> PayaraMicroProcess.builder(microJar, war).workDirectory(directory).start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("The WAR to deploy does not exist: " + war)
                .hasMessageContaining("./mvnw -pl web package");
        assertThat(directory.resolve("payara-micro.log")).doesNotExist();
    }

    @Test
    void a_missing_payara_micro_jar_names_the_build_step_that_provides_it() {
        Path microJar = directory.resolve("web/target/payara-micro.jar");

        assertThatThrownBy(() -> PayaraMicroProcess.builder(microJar, directory.resolve("atrium.war")).start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("The Payara Micro jar does not exist: " + microJar)
                .hasMessageContaining("process-test-resources");
    }
}
