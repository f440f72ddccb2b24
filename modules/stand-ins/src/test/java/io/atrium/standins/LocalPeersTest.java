package io.atrium.standins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.atrium.standins.entra.DemoAccount;
import io.atrium.standins.entra.EntraStandIn;
import io.atrium.standins.hostile.HostileEntra;

class LocalPeersTest {

    @TempDir
    Path directory;

    @Test
    void peers_start_and_tell_atrium_where_they_are() throws Exception {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        try (LocalPeers peers = LocalPeers.start(LocalPeers.Options.persistent(directory)
                .out(new PrintStream(progress, true, StandardCharsets.UTF_8)))) {
            Map<String, String> environment = peers.atriumEnvironment();

            assertThat(environment).containsOnlyKeys("ATRIUM_DB_URL", "ATRIUM_DB_USER", "ATRIUM_DB_PASSWORD",
                    "AZURE_AUTHORITY_HOST", "AZURE_TENANT_ID", "AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET",
                    "AZURE_OPENAI_ENDPOINT", "AZURE_OPENAI_DEPLOYMENT", "AZURE_OPENAI_API_VERSION",
                    "AZURE_OPENAI_API_KEY", "ATRIUM_AI_CREDENTIAL", "ATRIUM_DOWNSTREAM_GRAPH_BASE_URL",
                    "ATRIUM_ROLES_GROUP_MAPPING");
            assertThat(environment)
                    .containsEntry("AZURE_AUTHORITY_HOST", "https://localhost:" + peers.entra().port())
                    .containsEntry("AZURE_TENANT_ID", EntraStandIn.TENANT_ID)
                    .containsEntry("AZURE_CLIENT_ID", EntraStandIn.CLIENT_ID)
                    .containsEntry("AZURE_OPENAI_ENDPOINT", "http://localhost:" + peers.openAi().port())
                    .containsEntry("AZURE_OPENAI_DEPLOYMENT", "gpt-4o-mini")
                    .containsEntry("AZURE_OPENAI_API_VERSION", "2024-10-21")
                    .containsEntry("ATRIUM_AI_CREDENTIAL", "api-key")
                    .containsEntry("ATRIUM_DOWNSTREAM_GRAPH_BASE_URL", "http://localhost:" + peers.graph().port() + "/v1.0")
                    .containsEntry("ATRIUM_ROLES_GROUP_MAPPING", DemoAccount.ATRIUM_ADMINS_GROUP + "=admin");
            try (Connection connection = DriverManager.getConnection(environment.get("ATRIUM_DB_URL"),
                    environment.get("ATRIUM_DB_USER"), environment.get("ATRIUM_DB_PASSWORD"))) {
                assertThat(connection.isValid(5)).isTrue();
            }
            assertThat(peers.atriumSystemProperties())
                    .containsEntry("atrium.db.url", environment.get("ATRIUM_DB_URL"))
                    .containsEntry("azure.authority-host", environment.get("AZURE_AUTHORITY_HOST"))
                    .containsEntry("azure.openai.api-version", "2024-10-21")
                    .containsEntry("atrium.ai.credential", "api-key")
                    .containsEntry("atrium.downstream.graph.base-url", peers.graph().baseUrl())
                    .containsEntry("javax.net.ssl.trustStore", peers.truststore().toString())
                    .containsEntry("javax.net.ssl.trustStoreType", "PKCS12");
        }
        assertThat(progress.toString(StandardCharsets.UTF_8))
                .containsPattern("\\[atrium] PostgreSQL 16\\.\\d+ ready on localhost:\\d+ \\(data: .*postgres\\)")
                .contains("[atrium] Entra ID stand-in ready, issuer https://localhost:")
                .contains("[atrium] Microsoft Graph stand-in ready at http://localhost:")
                .contains("[atrium] Azure OpenAI stand-in ready at http://localhost:");
    }

    @Test
    void an_external_database_from_the_environment_replaces_postgresql() throws Exception {
        Map<String, String> environment = Map.of("ATRIUM_DB_URL", "jdbc:postgresql://db.example:5432/atrium",
                "ATRIUM_DB_USER", "app", "ATRIUM_DB_PASSWORD", "secret");
        try (LocalPeers peers = LocalPeers.start(LocalPeers.Options.ephemeral().externalDatabaseFrom(environment)
                .out(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))) {
            assertThat(peers.postgres().isEmbedded()).isFalse();
            assertThat(peers.atriumEnvironment())
                    .containsEntry("ATRIUM_DB_URL", "jdbc:postgresql://db.example:5432/atrium")
                    .containsEntry("ATRIUM_DB_USER", "app")
                    .containsEntry("ATRIUM_DB_PASSWORD", "secret");
        }
    }

    @Test
    void an_external_database_without_user_leaves_the_user_variables_out() throws Exception {
        try (LocalPeers peers = LocalPeers.start(LocalPeers.Options.ephemeral()
                .externalDatabaseFrom(Map.of("ATRIUM_DB_URL", "jdbc:postgresql://db.example:5432/atrium"))
                .out(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))) {
            assertThat(peers.atriumEnvironment()).containsKey("ATRIUM_DB_URL")
                    .doesNotContainKeys("ATRIUM_DB_USER", "ATRIUM_DB_PASSWORD");
        }
    }

    @Test
    void the_hostile_provider_can_play_entra_id_and_atrium_is_told_to_trust_it() throws Exception {
        try (LocalPeers peers = LocalPeers.start(LocalPeers.Options.ephemeral().hostileEntra()
                .externalDatabaseFrom(Map.of("ATRIUM_DB_URL", "jdbc:postgresql://db.example:5432/atrium"))
                .out(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))) {
            HostileEntra hostile = peers.hostileEntra();

            assertThat(peers.atriumEnvironment())
                    .containsEntry("AZURE_AUTHORITY_HOST", "https://localhost:" + hostile.port())
                    .containsEntry("AZURE_TENANT_ID", HostileEntra.TENANT_ID)
                    .containsEntry("AZURE_CLIENT_ID", HostileEntra.CLIENT_ID)
                    .containsEntry("AZURE_CLIENT_SECRET", HostileEntra.CLIENT_SECRET)
                    .containsKey("AZURE_OPENAI_ENDPOINT");
            assertThat(peers.atriumSystemProperties())
                    .containsEntry("javax.net.ssl.trustStore", hostile.truststore().toAbsolutePath().toString());
            assertThat(peers.truststore()).isEqualTo(hostile.truststore());
            assertThatThrownBy(peers::entra).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void the_entra_stand_in_plays_entra_id_unless_asked_otherwise() throws Exception {
        try (LocalPeers peers = LocalPeers.start(LocalPeers.Options.ephemeral()
                .externalDatabaseFrom(Map.of("ATRIUM_DB_URL", "jdbc:postgresql://db.example:5432/atrium"))
                .out(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))) {
            assertThat(peers.entra().tenantId()).isEqualTo(EntraStandIn.TENANT_ID);
            assertThatThrownBy(peers::hostileEntra).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void a_taken_fixed_port_fails_before_any_peer_starts() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> LocalPeers.start(LocalPeers.Options.persistent(directory)
                    .ports(0, taken.getLocalPort(), 0)))
                    .hasMessageContaining("Port " + taken.getLocalPort())
                    .hasMessageContaining("the Entra ID stand-in");
        }
        assertThat(directory).isEmptyDirectory();
    }
}
