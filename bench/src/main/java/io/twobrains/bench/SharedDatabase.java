package io.twobrains.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.twobrains.bench.shared.SharedTable;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.UUID;
import org.postgresql.PGConnection;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The shared table ({@link SharedTable}) straight over JDBC from the bench's process, with no service
 * in front: the bare-JDBC second line of each baseline (its system CPU is PostgreSQL's alone), and the
 * seeding of long histories with COPY. Each call runs on one of {@code pool} threads, so calls beyond
 * the pool wait their turn as requests of a real service would, and that wait is in their latency.
 */
final class SharedDatabase implements AutoCloseable {

    private final HikariDataSource pool;
    private final Scheduler scheduler;

    private SharedDatabase(HikariDataSource pool, int size) {
        this.pool = pool;
        this.scheduler = Schedulers.newBoundedElastic(size, Integer.MAX_VALUE, "bare-jdbc");
    }

    /**
     * Creates the database and its table if they are missing and opens a pool of {@code size}
     * connections on it, each with {@code synchronous_commit} on or off.
     */
    static SharedDatabase open(String adminJdbcUrl, String user, String password, int size, boolean synchronousCommit) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(SharedTable.createDatabase(adminJdbcUrl, user, password));
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        config.setPoolName("bare-jdbc");
        config.setConnectionInitSql("SET synchronous_commit = " + (synchronousCommit ? "on" : "off"));
        SharedDatabase db = new SharedDatabase(new HikariDataSource(config), size);
        db.execute(SharedTable.SCHEMA);
        return db;
    }

    /** Empties the table, so each measured design starts from the same state. */
    void truncate() {
        execute("TRUNCATE messages");
    }

    /** One message appended with its own INSERT (autocommit): the per-request write of this design. */
    Mono<Boolean> append(String userId, String conversationId, String content) {
        return Mono.fromCallable(() -> {
            try (Connection connection = pool.getConnection();
                    PreparedStatement insert = connection.prepareStatement(SharedTable.INSERT)) {
                insert.setString(1, userId);
                insert.setString(2, conversationId);
                insert.setString(3, UUID.randomUUID().toString());
                insert.setString(4, "user");
                insert.setString(5, content);
                try (ResultSet created = insert.executeQuery()) {
                    return created.next();
                }
            }
        }).subscribeOn(scheduler);
    }

    /** The 50 newest messages of a conversation, every column read: true when {@code expected} rows came back. */
    Mono<Boolean> newestPage(String userId, String conversationId, int expected) {
        return Mono.fromCallable(() -> {
            try (Connection connection = pool.getConnection();
                    PreparedStatement query = connection.prepareStatement(SharedTable.NEWEST_PAGE)) {
                query.setString(1, userId);
                query.setString(2, conversationId);
                query.setInt(3, 50);
                int rows = 0;
                try (ResultSet page = query.executeQuery()) {
                    while (page.next()) {
                        page.getString(1);
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
                    rows.append(userId).append(',').append(conversationId).append(",m").append(i).append(",user,\"")
                            .append(content.replace("\"", "\"\"")).append("\",").append(start.plusMillis(i)).append('\n');
                }
                copy.copyIn(SharedTable.COPY, new StringReader(rows.toString()));
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
    }
}
