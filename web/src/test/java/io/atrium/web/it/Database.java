package io.atrium.web.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads Atrium's PostgreSQL database directly, to check what the application wrote. */
public final class Database {

    private Database() {
    }

    public static long count(String sql, Object... parameters) {
        try (Connection connection = connect(); PreparedStatement statement = prepare(connection, sql, parameters)) {
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read Atrium's database: " + e.getMessage(), e);
        }
    }

    /** The first column of the first row, as text. */
    public static String text(String sql, Object... parameters) {
        try (Connection connection = connect(); PreparedStatement statement = prepare(connection, sql, parameters)) {
            try (ResultSet result = statement.executeQuery()) {
                return result.next() ? result.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read Atrium's database: " + e.getMessage(), e);
        }
    }

    /** The first column of every row, as text. */
    public static List<String> texts(String sql, Object... parameters) {
        try (Connection connection = connect(); PreparedStatement statement = prepare(connection, sql, parameters)) {
            try (ResultSet result = statement.executeQuery()) {
                List<String> values = new ArrayList<>();
                while (result.next()) {
                    values.add(result.getString(1));
                }
                return values;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read Atrium's database: " + e.getMessage(), e);
        }
    }

    static int execute(String sql, Object... parameters) {
        try (Connection connection = connect(); PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write Atrium's database: " + e.getMessage(), e);
        }
    }

    private static Connection connect() throws SQLException {
        Map<String, String> settings = AtriumStack.settings();
        return DriverManager.getConnection(settings.get("atrium.db.url"), settings.get("atrium.db.user"),
                settings.get("atrium.db.password"));
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }

    public static long usersWithObjectId(String objectId) {
        return count("SELECT count(*) FROM app_user WHERE object_id = ?", objectId);
    }

    /** Successful sign-ins recorded for the employee. */
    public static long loginEventsOf(String objectId) {
        return count("SELECT count(*) FROM login_event e JOIN app_user u ON u.id = e.user_id WHERE u.object_id = ? "
                + "AND e.outcome = 'success'", objectId);
    }

    /** Refused sign-ins recorded for the employee with this reason. */
    public static long failedSignInsOf(String objectId, String reason) {
        return count("SELECT count(*) FROM login_event WHERE attempted_object_id = ? AND outcome = 'failure' "
                + "AND failure_reason = ?", objectId, reason);
    }
}
