package io.twobrains.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The compose file's PostgreSQL, from zonky's binaries of the same major version as its image (a jar
 * of the binaries BOM, given by file: the local stack's own PostgreSQL stays on the classpath's). It
 * starts with the service's {@code -c} settings and then does what the image's entry point does with
 * {@code POSTGRES_USER}, {@code POSTGRES_PASSWORD} and {@code POSTGRES_DB}: that user, a superuser,
 * owns that database. (zonky trusts every local connection, so the password is set but not asked for.)
 */
final class ComposePostgres implements AutoCloseable {

    private final EmbeddedPostgres postgres;

    private ComposePostgres(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static ComposePostgres start(Path binaries, Path dataDir, int port, ComposeFile.Service service) {
        try {
            byte[] archive = archive(binaries);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPgBinaryResolver((system, hardware) -> new ByteArrayInputStream(archive))
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(true)
                    .setPort(port);
            List<String> command = service.command();
            for (int i = 0; i < command.size() - 1; i++) {
                if (command.get(i).equals("-c")) {
                    String[] setting = command.get(i + 1).split("=", 2);
                    builder.setServerConfig(setting[0], setting[1]);
                }
            }
            ComposePostgres started = new ComposePostgres(builder.start());
            started.createUserAndDatabase(service.environment());
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start PostgreSQL from " + binaries, e);
        }
    }

    /** The server's version, e.g. {@code 16.10}. */
    String version() {
        return query("show server_version");
    }

    private void createUserAndDatabase(Map<String, String> environment) {
        String user = environment.get("POSTGRES_USER");
        String database = environment.getOrDefault("POSTGRES_DB", user);
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement sql = connection.createStatement()) {
            sql.execute("create role \"" + user + "\" superuser login password '"
                    + environment.get("POSTGRES_PASSWORD").replace("'", "''") + "'");
            sql.execute("create database \"" + database + "\" owner \"" + user + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the compose file's user and database", e);
        }
    }

    private String query(String statement) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement sql = connection.createStatement();
                var result = sql.executeQuery(statement)) {
            result.next();
            return result.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The one archive of binaries in a jar of zonky's (one jar per platform). */
    private static byte[] archive(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry entry = zip.stream().filter(e -> e.getName().endsWith(".txz")).findFirst()
                    .orElseThrow(() -> new IOException("no PostgreSQL archive in " + jar));
            return zip.getInputStream(entry).readAllBytes();
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
