package io.twobrains.bench;

import io.twobrains.bench.shared.SharedDatabaseService;
import io.twobrains.bench.shared.SharedTable;
import io.twobrains.local.LocalStackSettings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The shared-database service ({@link SharedDatabaseService}) in a JVM of its own, on the stack's
 * PostgreSQL (a database of its own there) and accepting the stack's tokens. Its CPU counts with
 * PostgreSQL's when it is measured; the stack's does not.
 */
final class SharedDatabaseServiceProcess implements AutoCloseable {

    static final String NAME = "shared-db service JVM";
    /** The request header that sends an append through the pool with synchronous_commit off. */
    static final String SYNCHRONOUS_COMMIT = "X-Bench-Synchronous-Commit";

    private final JavaChild child;
    private final URI url;

    private SharedDatabaseServiceProcess(JavaChild child, URI url) {
        this.child = child;
        this.url = url;
    }

    static SharedDatabaseServiceProcess start(Target target, Options options) {
        String user = options.flag("jdbc-user", "postgres");
        String password = options.flag("jdbc-password", "postgres");
        String database = SharedTable.createDatabase(target.jdbc(), user, password);
        int port = LocalStackSettings.freePort();
        String issuer = target.oidc.toString();
        System.out.printf("  starting the shared-database service in its own JVM (port %d)%n", port);
        JavaChild child = JavaChild.start("shared-database-service", SharedDatabaseService.class.getName(), List.of(), Map.of(),
                Map.of(), List.of("--server.port=" + port,
                        "--bench.shared.jdbc-url=" + database,
                        "--bench.shared.user=" + user,
                        "--bench.shared.password=" + password,
                        "--bench.shared.pool-size=" + options.intFlag("db-pool", 16),
                        "--twobrains.security.issuer=" + issuer,
                        "--twobrains.security.jwk-set-uri=" + issuer.replace("localhost", "127.0.0.1") + "/oauth2/jwks"),
                JavaChild.logFile("shared-database-service"), "Started SharedDatabaseService", Duration.ofMinutes(3));
        return new SharedDatabaseServiceProcess(child, URI.create("http://localhost:" + port));
    }

    URI url() {
        return url;
    }

    SystemMeter.Part part() {
        return new SystemMeter.Part(NAME, child.pid());
    }

    @Override
    public void close() {
        child.close();
    }
}
