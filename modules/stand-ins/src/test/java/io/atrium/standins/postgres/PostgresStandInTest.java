package io.atrium.standins.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.atrium.standins.LocalPorts;

class PostgresStandInTest {

    @TempDir
    Path directory;

    @Test
    void ephemeral_server_runs_postgresql_16_with_the_atrium_database() throws Exception {
        try (PostgresStandIn postgres = PostgresStandIn.ephemeral()) {
            assertThat(postgres.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:" + postgres.port() + "/atrium");
            assertThat(postgres.serverVersion()).startsWith("16.");
            assertThat(query(postgres, "select version()")).startsWith("PostgreSQL 16.");
            assertThat(query(postgres, "select current_database() || ' ' || current_user")).isEqualTo("atrium atrium");
            assertThat(query(postgres, "show listen_addresses")).isEqualTo("localhost");
        }
    }

    @Test
    void ephemeral_server_leaves_nothing_behind() throws Exception {
        PostgresStandIn postgres = PostgresStandIn.ephemeral();
        String url = postgres.jdbcUrl();
        postgres.close();

        assertThatThrownBy(() -> DriverManager.getConnection(url, PostgresStandIn.USER, PostgresStandIn.PASSWORD))
                .isInstanceOf(SQLException.class);
    }

    @Test
    void a_wrong_password_is_refused() throws Exception {
        try (PostgresStandIn postgres = PostgresStandIn.ephemeral()) {
            assertThatThrownBy(() -> DriverManager.getConnection(postgres.jdbcUrl(), PostgresStandIn.USER, "wrong"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("password authentication failed");
        }
    }

    @Test
    void statements_of_atriums_user_are_counted_until_reset() throws Exception {
        try (PostgresStandIn postgres = PostgresStandIn.ephemeral()) {
            update(postgres, "create table note (text varchar(40))");
            postgres.resetStatementCounts();

            update(postgres, "insert into note values ('one')", "insert into note values ('two')",
                    "select count(*) from note");

            assertThat(postgres.statementsRun())
                    .containsEntry("insert into note values ($1)", 2L)
                    .containsEntry("select count(*) from note", 1L)
                    .doesNotContainKey("create table note (text varchar(40))");
            postgres.resetStatementCounts();
            assertThat(postgres.statementsRun()).isEmpty();
        }
    }

    @Test
    void persistent_server_keeps_its_data_across_restarts() throws Exception {
        int port = LocalPorts.free();
        try (PostgresStandIn first = PostgresStandIn.persistent(directory, port)) {
            update(first, "create table note (text varchar(40))", "insert into note values ('kept')");
        }
        try (PostgresStandIn second = PostgresStandIn.persistent(directory, port)) {
            assertThat(second.directory()).contains(directory);
            assertThat(query(second, "select text from note")).isEqualTo("kept");
            assertThat(query(second, "select current_setting('fsync') || ' ' || current_setting('synchronous_commit')"))
                    .isEqualTo("on on");
        }
    }

    @Test
    void persistent_server_recovers_after_it_was_killed() throws Exception {
        int port = LocalPorts.free();
        PostgresStandIn crashed = PostgresStandIn.persistent(directory, port);
        update(crashed, "create table note (text varchar(40))", "insert into note values ('committed')");
        ProcessHandle postmaster = ProcessHandle.of(postmasterPid(directory)).orElseThrow();
        postmaster.destroyForcibly();
        postmaster.onExit().get(20, TimeUnit.SECONDS);
        crashed.close();

        try (PostgresStandIn restarted = PostgresStandIn.persistent(directory, port)) {
            assertThat(query(restarted, "select text from note")).isEqualTo("committed");
        }
    }

    @Test
    void persistent_server_stops_a_server_left_running_by_a_killed_jvm() throws Exception {
        int port = LocalPorts.free();
        Process killedJvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StartAndHalt.class.getName(),
                directory.toString(), Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(directory.resolve("killed-jvm.log").toFile()).start();
        assertThat(killedJvm.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(killedJvm.exitValue()).as(Files.readString(directory.resolve("killed-jvm.log"))).isEqualTo(99);
        ProcessHandle orphan = ProcessHandle.of(postmasterPid(directory)).orElseThrow();
        assertThat(orphan.isAlive()).isTrue();

        try (PostgresStandIn restarted = PostgresStandIn.persistent(directory, port)) {
            assertThat(orphan.isAlive()).isFalse();
            assertThat(query(restarted, "select text from note")).isEqualTo("left running");
        }
    }

    @Test
    void a_fixed_port_in_use_fails_with_a_message_naming_it() throws Exception {
        try (PostgresStandIn running = PostgresStandIn.ephemeral()) {
            assertThatThrownBy(() -> PostgresStandIn.persistent(directory, running.port()))
                    .hasMessageContaining("Port " + running.port()).hasMessageContaining("PostgreSQL");
        }
    }

    @Test
    void an_external_database_starts_nothing() throws Exception {
        try (PostgresStandIn external = PostgresStandIn.external("jdbc:postgresql://db.example:5432/atrium", "u", "p")) {
            assertThat(external.isEmbedded()).isFalse();
            assertThat(external.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:5432/atrium");
            assertThat(external.user()).isEqualTo("u");
            assertThat(external.password()).isEqualTo("p");
            assertThat(external.directory()).isEmpty();
        }
    }

    /** Starts a persistent server and exits without running shutdown hooks, as a killed dev mode would. */
    static final class StartAndHalt {
        public static void main(String[] arguments) throws Exception {
            PostgresStandIn postgres = PostgresStandIn.persistent(Path.of(arguments[0]), Integer.parseInt(arguments[1]));
            update(postgres, "create table note (text varchar(40))", "insert into note values ('left running')");
            Runtime.getRuntime().halt(99);
        }
    }

    private static long postmasterPid(Path directory) throws IOException {
        return Long.parseLong(Files.readAllLines(directory.resolve("data/postmaster.pid")).get(0).strip());
    }

    private static String query(PostgresStandIn postgres, String sql) throws SQLException {
        try (Connection connection = connect(postgres);
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            assertThat(result.next()).isTrue();
            return result.getString(1);
        }
    }

    private static void update(PostgresStandIn postgres, String... statements) throws SQLException {
        try (Connection connection = connect(postgres); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static Connection connect(PostgresStandIn postgres) throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
    }
}
