package io.atrium.standins.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.atrium.standins.LocalPorts;
import io.atrium.standins.TemporaryDirectories;
import io.atrium.standins.Truststores;
import io.atrium.standins.entra.EntraStandIn;

/**
 * The stand-ins as the compose demo runs them: Atrium's settings written for Payara Micro, and the Entra ID stand-in
 * reachable through another address of the host under its {@code localhost} issuer. 127.0.0.2 plays the container's
 * own address here (all of 127.0.0.0/8 is this machine's loopback).
 */
class StandInsServerTest {

    private static final String EXTERNAL_DATABASE = "jdbc:postgresql://localhost:1/not-contacted-by-the-stand-ins";

    private Path directory;
    private int entraPort;
    private StandInsServer.Running running;

    @BeforeEach
    void start() throws IOException {
        directory = Files.createTempDirectory("atrium-stand-ins-server");
        Files.writeString(directory.resolve(StandInsServer.SETTINGS_FILE), "left.by=an earlier run\n");
        entraPort = LocalPorts.free();
        running = StandInsServer.start(Map.of(
                "STANDINS_DATA_DIR", directory.toString(),
                "STANDINS_ENTRA_PORT", Integer.toString(entraPort),
                "STANDINS_OPENAI_PORT", Integer.toString(LocalPorts.free()),
                "ATRIUM_DB_URL", EXTERNAL_DATABASE,
                "ATRIUM_DB_USER", "atrium",
                "ATRIUM_DB_PASSWORD", "demo"), List.of(InetAddress.getByName("127.0.0.2")));
    }

    @AfterEach
    void stop() throws IOException {
        if (running != null) {
            running.close();
        }
        TemporaryDirectories.delete(directory);
    }

    @Test
    void atriums_settings_name_every_stand_in_and_replace_those_of_an_earlier_run() throws IOException {
        Properties settings = new Properties();
        try (InputStream in = Files.newInputStream(running.settings())) {
            settings.load(in);
        }

        assertThat(settings).doesNotContainKey("left.by");
        assertThat(settings.getProperty("azure.authority-host")).isEqualTo("https://localhost:" + entraPort);
        assertThat(settings.getProperty("atrium.db.url")).isEqualTo(EXTERNAL_DATABASE);
        assertThat(settings.getProperty("azure.openai.endpoint")).startsWith("http://localhost:");
        assertThat(settings.getProperty("atrium.downstream.graph.base-url")).startsWith("http://localhost:");
        assertThat(Path.of(settings.getProperty("javax.net.ssl.trustStore"))).isRegularFile();
    }

    @Test
    void the_entra_stand_in_answers_through_another_address_with_its_localhost_issuer() throws IOException {
        EntraStandIn entra = running.peers().entra();
        String path = "/" + entra.tenantId() + "/v2.0/.well-known/openid-configuration";

        try (SSLSocket socket = (SSLSocket) Truststores.trusting(entra.truststore(), entra.truststorePassword())
                .getSocketFactory().createSocket(InetAddress.getByName("127.0.0.2"), entraPort)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost:" + entraPort + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(answer).startsWith("HTTP/1.1 200");
            assertThat(answer).containsPattern("\"issuer\"\\s*:\\s*\"https://localhost:" + entraPort + "/" + entra.tenantId()
                    + "/v2.0\"");
        }
    }
}
