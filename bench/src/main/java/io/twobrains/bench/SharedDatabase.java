package io.twobrains.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.postgresql.PGConnection;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The design twobrains is compared with: every user's messages in one PostgreSQL table, indexed
 * {@code (user_id, conversation_id, created_at)}, written with one INSERT per request and read with
 * one query per page, over a HikariCP pool. It lives in a database of its own ({@value #DATABASE}) on
 * the stack's PostgreSQL. Each call runs on one of {@code pool} worker threads, so calls beyond the
 * pool wait their turn as requests of a real service would, and that wait is in their latency.
 */
final class SharedDatabase implements AutoCloseable {

    static final String DATABASE = "shared_design";

    private static final String SCHEMA = """
            CREATE TABLE IF NOT EXISTS messages (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                user_id text NOT NULL,
                conversation_id text NOT NULL,
                role text NOT NULL,
                content text NOT NULL,
                created_at timestamptz NOT NULL DEFAULT clock_timestamp());
            CREATE INDEX IF NOT EXISTS messages_user_conversation_created
                ON messages (user_id, conversation_id, created_at);
            """;
    private static final String INSERT =
            "INSERT INTO messages (user_id, conversation_id, role, content) VALUES (?, ?, 'user', ?)";
    private static final String NEWEST_PAGE = "SELECT id, role, content, created_at FROM messages "
            + "WHERE user_id = ? AND conversation_id = ? ORDER BY created_at DESC LIMIT 50";

    private final HikariDataSource pool;
    private final ExecutorService workers;
    private final Scheduler scheduler;

    private SharedDatabase(HikariDataSource pool, int size) {
        this.pool = pool;
        this.workers = Executors.newFixedThreadPool(size);
        this.scheduler = Schedulers.fromExecutorService(workers);
    }

    /**
     * Creates the database and its table if they are missing and opens a pool of {@code size}
     * connections on it, each with {@code synchronous_commit} on or off.
     */
    static SharedDatabase open(String adminJdbcUrl, String user, String password, int size, boolean synchronousCommit) {
        String url = adminJdbcUrl.substring(0, adminJdbcUrl.lastIndexOf('/') + 1) + DATABASE;
        try (Connection admin = DriverManager.getConnection(adminJdbcUrl, user, password);
                Statement statement = admin.createStatement()) {
            ResultSet exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'");
            if (!exists.next()) {
                statement.execute("CREATE DATABASE " + DATABASE);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the database " + DATABASE, e);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        config.setPoolName("shared-design");
        config.setConnectionInitSql("SET synchronous_commit = " + (synchronousCommit ? "on" : "off"));
        HikariDataSource pool = new HikariDataSource(config);
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(SCHEMA);
        } catch (SQLException e) {
            pool.close();
            throw new IllegalStateException("could not create the messages table", e);
        }
        return new SharedDatabase(pool, size);
    }

    /** Empties the table, so each measured design starts from the same state. */
    void truncate() {
        execute("TRUNCATE messages");
    }

    /** One message appended with its own INSERT (autocommit): the per-request write of this design. */
    Mono<Boolean> append(String userId, String conversationId, String content) {
        return Mono.fromCallable(() -> {
            try (Connection connection = pool.getConnection();
                    PreparedStatement insert = connection.prepareStatement(INSERT)) {
                insert.setString(1, userId);
                insert.setString(2, conversationId);
                insert.setString(3, content);
                return insert.executeUpdate() == 1;
            }
        }).subscribeOn(scheduler);
    }

    /** The 50 newest messages of a conversation, every column read: true when {@code expected} rows came back. */
    Mono<Boolean> newestPage(String userId, String conversationId, int expected) {
        return Mono.fromCallable(() -> {
            try (Connection connection = pool.getConnection();
                    PreparedStatement query = connection.prepareStatement(NEWEST_PAGE)) {
                query.setString(1, userId);
                query.setString(2, conversationId);
                int rows = 0;
                try (ResultSet page = query.executeQuery()) {
                    while (page.next()) {
                        page.getLong(1);
                        page.getString(2);
                        page.getString(3);
                        page.getTimestamp(4);
                        rows++;
                    }
                }
                return rows == expected;
            }
        }).subscribeOn(scheduler);
    }

    /** Loads {@code count} messages into one conversation with COPY, one millisecond apart, then analyzes. */
    void seed(String userId, String conversationId, int count, String content) {
        Instant start = Instant.now().minusSeconds(count);
        try (Connection connection = pool.getConnection()) {
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            for (int from = 0; from < count; from += 10_000) {
                StringBuilder rows = new StringBuilder();
                for (int i = from; i < Math.min(count, from + 10_000); i++) {
                    rows.append(userId).append(',').append(conversationId).append(",user,\"")
                            .append(content.replace("\"", "\"\"")).append("\",").append(start.plusMillis(i)).append('\n');
                }
                copy.copyIn("COPY messages (user_id, conversation_id, role, content, created_at) FROM STDIN WITH (FORMAT csv)",
                        new StringReader(rows.toString()));
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not seed " + count + " messages", e);
        }
        execute("ANALYZE messages");
    }

    private void execute(String sql) {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    @Override
    public void close() {
        pool.close();
        scheduler.dispose();
        workers.shutdownNow();
    }
}
