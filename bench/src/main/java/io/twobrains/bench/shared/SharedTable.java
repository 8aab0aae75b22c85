package io.twobrains.bench.shared;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The design twobrains is compared with: every user's messages in one PostgreSQL table, in a database
 * of its own ({@value #DATABASE}) on the stack's PostgreSQL, indexed for a user's conversation in
 * time order. One INSERT appends, one indexed SELECT reads the newest page.
 */
public final class SharedTable {

    public static final String DATABASE = "shared_design";

    public static final String SCHEMA = """
            CREATE TABLE IF NOT EXISTS messages (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                user_id text NOT NULL,
                conversation_id text NOT NULL,
                message_id text NOT NULL,
                role text NOT NULL,
                content text NOT NULL,
                created_at timestamptz NOT NULL DEFAULT clock_timestamp());
            CREATE INDEX IF NOT EXISTS messages_user_conversation_created
                ON messages (user_id, conversation_id, created_at);
            """;

    public static final String INSERT = "INSERT INTO messages (user_id, conversation_id, message_id, role, content) "
            + "VALUES (?, ?, ?, ?, ?) RETURNING created_at";

    public static final String NEWEST_PAGE = "SELECT message_id, role, content, created_at FROM messages "
            + "WHERE user_id = ? AND conversation_id = ? ORDER BY created_at DESC LIMIT ?";

    public static final String COPY = "COPY messages (user_id, conversation_id, message_id, role, content, created_at) "
            + "FROM STDIN WITH (FORMAT csv)";

    private SharedTable() {
    }

    /** Creates the database if it is missing, from the server's admin database; returns the JDBC URL of the new one. */
    public static String createDatabase(String adminJdbcUrl, String user, String password) {
        try (Connection admin = DriverManager.getConnection(adminJdbcUrl, user, password);
                Statement statement = admin.createStatement();
                ResultSet exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
            if (!exists.next()) {
                statement.execute("CREATE DATABASE " + DATABASE);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the database " + DATABASE, e);
        }
        return adminJdbcUrl.substring(0, adminJdbcUrl.lastIndexOf('/') + 1) + DATABASE;
    }
}
