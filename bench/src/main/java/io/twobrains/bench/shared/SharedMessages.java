package io.twobrains.bench.shared;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.twobrains.contract.json.ChatJson;
import io.twobrains.contract.message.Part;
import io.twobrains.contract.message.Role;
import io.twobrains.contract.view.MessageView;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.type.TypeReference;

/**
 * The shared table through JDBC: HikariCP pools (one with {@code synchronous_commit} on, one off) and
 * the blocking calls on a bounded scheduler with a thread per connection, the way Reactor's documentation
 * wraps a blocking driver. Parts are stored as their JSON and mapped back to records on the way out,
 * as a service with a {@code text} (or {@code jsonb}) column would.
 */
final class SharedMessages implements AutoCloseable {

    private static final TypeReference<List<Part>> PARTS = new TypeReference<>() {
    };

    private final HikariDataSource durable;
    private final HikariDataSource relaxed;
    private final Scheduler jdbc;

    SharedMessages(SharedDatabaseProperties properties) {
        durable = pool(properties, true);
        relaxed = pool(properties, false);
        jdbc = Schedulers.newBoundedElastic(properties.poolSize(), Integer.MAX_VALUE, "shared-db");
    }

    private static HikariDataSource pool(SharedDatabaseProperties properties, boolean synchronousCommit) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(properties.jdbcUrl());
        config.setUsername(properties.user());
        config.setPassword(properties.password());
        config.setMaximumPoolSize(properties.poolSize());
        config.setMinimumIdle(properties.poolSize());
        config.setPoolName("shared-db-synchronous-commit-" + (synchronousCommit ? "on" : "off"));
        config.setConnectionInitSql("SET synchronous_commit = " + (synchronousCommit ? "on" : "off"));
        return new HikariDataSource(config);
    }

    /** Creates the table if it is missing. */
    void createTable() {
        try (Connection connection = durable.getConnection()) {
            connection.createStatement().execute(SharedTable.SCHEMA);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the shared table", e);
        }
    }

    /** One INSERT, autocommitted. */
    Mono<MessageView> append(String userId, String conversationId, String messageId, Role role, List<Part> parts,
            boolean synchronousCommit) {
        return Mono.fromCallable(() -> {
            try (Connection connection = (synchronousCommit ? durable : relaxed).getConnection();
                    PreparedStatement insert = connection.prepareStatement(SharedTable.INSERT)) {
                insert.setString(1, userId);
                insert.setString(2, conversationId);
                insert.setString(3, messageId);
                insert.setString(4, role.name().toLowerCase(Locale.ROOT));
                insert.setString(5, ChatJson.MAPPER.writeValueAsString(parts));
                try (ResultSet created = insert.executeQuery()) {
                    created.next();
                    return new MessageView(messageId, role, parts, created.getTimestamp(1).toInstant());
                }
            }
        }).subscribeOn(jdbc);
    }

    /** One indexed SELECT: the newest {@code limit} messages, returned oldest first. */
    Mono<List<MessageView>> newest(String userId, String conversationId, int limit) {
        return Mono.fromCallable(() -> {
            try (Connection connection = durable.getConnection();
                    PreparedStatement query = connection.prepareStatement(SharedTable.NEWEST_PAGE)) {
                query.setString(1, userId);
                query.setString(2, conversationId);
                query.setInt(3, limit);
                List<MessageView> page = new ArrayList<>(limit);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        page.add(new MessageView(rows.getString(1), Role.valueOf(rows.getString(2).toUpperCase(Locale.ROOT)),
                                ChatJson.MAPPER.readValue(rows.getString(3), PARTS), rows.getTimestamp(4).toInstant()));
                    }
                }
                Collections.reverse(page);
                return page;
            }
        }).subscribeOn(jdbc);
    }

    @Override
    public void close() {
        durable.close();
        relaxed.close();
        jdbc.dispose();
    }
}
