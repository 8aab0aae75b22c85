package io.twobrains.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.twobrains.testkit.ApiClient;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A node's reads that reach PostgreSQL (a user's data key, global settings) reuse a pool of
 * connections. Without one, every query opened a connection of its own (a backend process, a login
 * and the driver's codec set-up): the bench saw 18 ms of CPU per page read, 62% of it in the driver.
 */
class PooledConnectionsIT {

    private static final int READS = 60;

    @Test
    void readsReuseTheNodesPooledConnections() {
        LocalStack stack = Stacks.shared();
        ApiClient api = Stacks.client(stack, "pooled-" + UUID.randomUUID());
        assertThat(api.post("/api/conversations", Map.of("id", "c1", "title", "pooled")).status()).isEqualTo(201);
        SingleConnectionDataSource one = new SingleConnectionDataSource(stack.postgresJdbcUrl(), "postgres", "postgres", true);
        JdbcTemplate sql = new JdbcTemplate(one);
        long before = settledSessions(sql);

        for (int i = 0; i < READS; i++) {
            assertThat(api.get("/api/conversations/c1/messages").status()).isEqualTo(200);
            assertThat(api.get("/api/settings").status()).isEqualTo(200);
        }

        long opened = settledSessions(sql) - before;
        one.destroy();
        assertThat(opened).as("connections opened for %d reads", 2 * READS).isLessThan(READS / 3);
    }

    /**
     * Sessions ever opened to the database, once the statistics have caught up (PostgreSQL 14 reports
     * them a little late): the same figure twice, half a second apart.
     */
    private static long settledSessions(JdbcTemplate sql) {
        long[] last = {-1};
        return Awaitility.await("the session count settles").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    sql.execute("select pg_stat_clear_snapshot()");
                    long now = sql.queryForObject("select sessions from pg_stat_database where datname = current_database()",
                            Long.class);
                    boolean settled = now == last[0];
                    last[0] = now;
                    return settled ? now : null;
                }, java.util.Objects::nonNull);
    }
}
