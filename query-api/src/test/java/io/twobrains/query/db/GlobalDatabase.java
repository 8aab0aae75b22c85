package io.twobrains.query.db;

import io.r2dbc.spi.ConnectionFactories;
import io.twobrains.testkit.TestPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * A fresh database with the global brain's schema, as the projector's migration makes it: JDBC to
 * seed rows as the projector would, R2DBC to read them as the query side does.
 */
final class GlobalDatabase {

    private final String jdbcUrl;
    final DatabaseClient reads;

    private GlobalDatabase(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
        String r2dbc = jdbcUrl.replace("jdbc:postgresql://", "r2dbc:postgresql://postgres:postgres@");
        this.reads = DatabaseClient.create(ConnectionFactories.get(r2dbc.replaceAll("\\?.*$", "")));
    }

    /** The projector's migrations, in the order Flyway applies them. */
    private static final List<String> MIGRATIONS = List.of("V1__global_brain.sql", "V2__returning_erased_users.sql");

    static GlobalDatabase create() {
        GlobalDatabase database = new GlobalDatabase(TestPostgres.newDatabase());
        for (String migration : MIGRATIONS) {
            try (InputStream schema = GlobalDatabase.class.getResourceAsStream("/db/migration/" + migration)) {
                database.execute(new String(schema.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return database;
    }

    void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
