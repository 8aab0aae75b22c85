package io.twobrains.crypto;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.publisher.Mono;

/**
 * Clears destroyed data keys from PostgreSQL's files within the purge window. A deleted row stays in
 * its table's pages until they are rewritten, and in the write-ahead log until its segments go: the
 * purge rewrites the vault's table ({@code VACUUM FULL}), then ends the current WAL segment and takes a
 * checkpoint, twice, so the segments that held the key are removed (with {@code wal_recycle = off},
 * as the local stack runs PostgreSQL, they are deleted rather than kept for reuse). It needs a role
 * that may checkpoint ({@code pg_checkpoint} from PostgreSQL 15, or a superuser); without it the purge
 * does what it may and PostgreSQL's own checkpoints finish the job. WAL archives and backups keep what
 * they took: keep them no longer than the purge window promises, or leave the vault's table out.
 */
public final class ContentKeyPurge implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(ContentKeyPurge.class);

    private final ContentKeys keys;
    private final ContentKeyProperties properties;
    private final Clock clock;
    private volatile ScheduledExecutorService timer;

    public ContentKeyPurge(ContentKeys keys, ContentKeyProperties properties, Clock clock) {
        this.keys = keys;
        this.properties = properties;
        this.clock = clock;
    }

    /** Purges now, whatever the window says (the forced purge). */
    public Mono<Void> purgeNow() {
        Instant started = clock.instant();
        return Mono.defer(() -> keys.db().sql("vacuum full vault.content_keys").then()
                        .then(checkpoint())
                        .then(checkpoint()))
                .doOnSuccess(done -> {
                    keys.purged(started);
                    LOG.info("destroyed data keys purged from PostgreSQL's files");
                });
    }

    private Mono<Void> checkpoint() {
        return keys.db().sql("select pg_switch_wal()").then()
                .then(keys.db().sql("checkpoint").then())
                .onErrorResume(error -> {
                    LOG.warn("the purge could not end the WAL segment or checkpoint ({}); PostgreSQL's own checkpoints"
                            + " will remove the segments", error.getMessage());
                    return Mono.empty();
                });
    }

    /** Purges if a key destroyed since the last purge has waited for half the window. */
    void purgeIfDue() {
        keys.destroyedSincePurge()
                .filter(since -> !clock.instant().isBefore(since.plus(properties.purgeWindow().dividedBy(2))))
                .ifPresent(since -> purgeNow().block(Duration.ofMinutes(5)));
    }

    @Override
    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "content-key-purge");
            thread.setDaemon(true);
            return thread;
        });
        long every = Math.max(1_000, properties.purgeWindow().toMillis() / 10);
        timer.scheduleWithFixedDelay(() -> {
            try {
                purgeIfDue();
            } catch (RuntimeException e) {
                LOG.warn("the purge of destroyed data keys failed; it is tried again: {}", e.toString());
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = timer;
        if (running != null) {
            running.shutdownNow();
        }
        timer = null;
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }
}
