package io.atrium.audit.internal.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.atrium.audit.Actor;
import io.atrium.audit.AuditExport;

/**
 * Plain JDBC, because JPA offers no cursor: PostgreSQL's driver fetches {@value #FETCH_SIZE} rows at a time only
 * with auto-commit off, so each export reads in a read-only transaction of its own. Never call it inside a JTA
 * transaction (the REST layer streams after its method returned).
 */
@ApplicationScoped
public class JdbcAuditExport implements AuditExport {

    static final int FETCH_SIZE = 1000;
    private static final String DATA_SOURCE = "java:app/jdbc/atrium";

    private final DataSource dataSource;
    private final ExportRecorder recorder;

    @Inject
    public JdbcAuditExport(ExportRecorder recorder) {
        this(null, recorder);
    }

    /** With a data source of its own (tests, the benchmark); otherwise Atrium's is looked up at each export. */
    public JdbcAuditExport(DataSource dataSource, ExportRecorder recorder) {
        this.dataSource = dataSource;
        this.recorder = recorder;
    }

    /** For CDI's proxy. */
    protected JdbcAuditExport() {
        this(null, null);
    }

    @Override
    public void usersCsv(Actor exporter, Writer out) throws IOException {
        recorder.record(exporter, "users.csv", null, null);
        Csv.row(out, "id", "tenant_id", "object_id", "username", "display_name", "email", "status", "status_reason",
                "status_changed_by", "status_changed_at", "first_seen_at", "last_seen_at", "last_sign_in_at");
        stream(out, """
                SELECT id, tenant_id, object_id, username, display_name, email, status, status_reason,
                       status_changed_by, status_changed_at, first_seen_at, last_seen_at, last_sign_in_at
                  FROM app_user ORDER BY id""", List.of());
    }

    @Override
    public void loginEventsCsv(Actor exporter, Writer out, Instant from, Instant before) throws IOException {
        recorder.record(exporter, "login-events.csv", from, before);
        Csv.row(out, "occurred_at", "outcome", "user_id", "tenant_id", "object_id", "username", "failure_reason",
                "entra_error_code", "client_address", "user_agent", "entra_session_id");
        List<Object> parameters = new ArrayList<>();
        String sql = """
                SELECT occurred_at, outcome, user_id, attempted_tenant_id, attempted_object_id, attempted_username,
                       failure_reason, entra_error_code, client_address, user_agent, entra_session_id
                  FROM login_event WHERE TRUE""" + period(from, before, parameters) + " ORDER BY occurred_at, id";
        stream(out, sql, parameters);
    }

    /** The export's own entry is in it when the period includes now: the file shows it was taken. */
    @Override
    public void adminActionsCsv(Actor exporter, Writer out, Instant from, Instant before) throws IOException {
        recorder.record(exporter, "admin-actions.csv", from, before);
        Csv.row(out, "seq", "occurred_at", "actor", "action", "target_user_id", "target", "before_state",
                "after_state", "reason", "hash");
        List<Object> parameters = new ArrayList<>();
        String sql = """
                SELECT seq, occurred_at, actor, action, target_user_id, target, before_state, after_state, reason,
                       hash
                  FROM admin_action WHERE TRUE""" + period(from, before, parameters) + " ORDER BY seq";
        stream(out, sql, parameters);
    }

    @Override
    public void csv(Actor exporter, String file, Instant from, Instant before, Writer out, List<String> header,
                    RowSource rows) throws IOException {
        recorder.record(exporter, file, from, before);
        Csv.row(out, header.toArray(String[]::new));
        try {
            rows.writeTo(row -> {
                try {
                    Csv.row(out, row.toArray(String[]::new));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        out.flush();
    }

    private static String period(Instant from, Instant before, List<Object> parameters) {
        StringBuilder where = new StringBuilder();
        if (from != null) {
            where.append(" AND occurred_at >= ?");
            parameters.add(from.atOffset(ZoneOffset.UTC));
        }
        if (before != null) {
            where.append(" AND occurred_at < ?");
            parameters.add(before.atOffset(ZoneOffset.UTC));
        }
        return where.toString();
    }

    private void stream(Writer out, String sql, List<Object> parameters) throws IOException {
        try (Connection connection = dataSource().getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setFetchSize(FETCH_SIZE);
                for (int i = 0; i < parameters.size(); i++) {
                    statement.setObject(i + 1, parameters.get(i));
                }
                try (ResultSet rows = statement.executeQuery()) {
                    int columns = rows.getMetaData().getColumnCount();
                    String[] cells = new String[columns];
                    while (rows.next()) {
                        for (int i = 0; i < columns; i++) {
                            Object value = rows.getObject(i + 1);
                            cells[i] = value instanceof java.sql.Timestamp
                                    ? rows.getObject(i + 1, OffsetDateTime.class).toInstant().toString()
                                    : value == null ? null : value.toString();
                        }
                        Csv.row(out, cells);
                    }
                }
            } finally {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            }
            out.flush();
        } catch (SQLException e) {
            throw new IOException("export failed while reading the database: " + e.getMessage(), e);
        }
    }

    private DataSource dataSource() {
        if (dataSource != null) {
            return dataSource;
        }
        try {
            return InitialContext.doLookup(DATA_SOURCE);
        } catch (NamingException e) {
            throw new IllegalStateException("Atrium's data source " + DATA_SOURCE + " is not available: " + e, e);
        }
    }
}
