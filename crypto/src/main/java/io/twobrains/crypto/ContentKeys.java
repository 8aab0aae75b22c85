package io.twobrains.crypto;

import io.twobrains.contract.content.ContentCipher;
import io.twobrains.contract.profile.SealedSecret;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The vault of users' data keys, in PostgreSQL, where a deletion is real (unlike a log that keeps
 * records for ever): one random key per user, sealed with the current master key. The command side
 * seals a user's content with it before anything leaves the process; readers open it. Erasing a user
 * destroys the key, and with it every copy of the user's content wherever it lies ({@link
 * ContentKeyPurge} then clears the dead row from PostgreSQL's files). The table is the vault's alone:
 * it is not built from {@code chat.events}, so a replay of the log never brings a key back.
 *
 * <p>Opened keys stay in memory for a short while, so a write costs no database round trip.
 */
public final class ContentKeys {

    /** Data keys are sealed for this purpose: a sealed data key opens as nothing else. */
    public static final String PURPOSE = "content-key";

    private final DatabaseClient db;
    private final SecretSealer sealer;
    private final ContentKeyProperties properties;
    private final Clock clock;
    private final Map<String, Cached> cache;
    private volatile Instant destroyedSincePurge;

    private record Cached(ContentCipher cipher, Instant until) {
    }

    public ContentKeys(DatabaseClient db, SecretSealer sealer, ContentKeyProperties properties, Clock clock) {
        this.db = db;
        this.sealer = sealer;
        this.properties = properties;
        this.clock = clock;
        int capacity = properties.cachedKeys();
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * Creates the vault's schema and table if they are missing. The schema is the vault's own, apart
     * from the projector's, whose schema Flyway owns and a replay rebuilds.
     */
    public Mono<Void> createTable() {
        return db.sql("create schema if not exists vault").then().then(db.sql("create table if not exists vault.content_keys (user_id text primary key, key_id text not null,"
                        + " sealed_key text not null, created_at timestamptz not null)")
                .then())
                // No statistics of the sealed keys: ANALYZE would copy a sample of them into pg_statistic, where
                // a purged user's key would outlive its row (ContentErasureIT found one there, once).
                .then(db.sql("alter table vault.content_keys alter column sealed_key set statistics 0").then())
                // ...and none left from before that setting: an ANALYZE skips the column from then on, but does not
                // remove what it sampled earlier, while changing the column's type (to the same type) does.
                .then(db.sql("""
                        do $$ begin
                          if exists (select 1 from pg_stats where schemaname = 'vault' and tablename = 'content_keys'
                                     and attname = 'sealed_key') then
                            alter table vault.content_keys alter column sealed_key type text;
                          end if;
                        end $$""").then())
                // Two nodes starting together may race to create them; the second try finds them.
                .retry(2);
    }

    /** The user's key, created at the first write. */
    public Mono<ContentCipher> forWriting(String userId) {
        return cached(userId).map(Mono::just).orElseGet(() -> load(userId)
                .switchIfEmpty(Mono.defer(() -> create(userId).then(load(userId))))
                .doOnNext(cipher -> remember(userId, cipher)));
    }

    /**
     * The user's key for reading; a user with no key has no sealed content, and gets a key of no use
     * (anything sealed reads as unreadable, plaintext as it is), which is not stored.
     */
    public Mono<ContentCipher> forReading(String userId) {
        return stored(userId).switchIfEmpty(Mono.fromSupplier(() -> standIn(userId)));
    }

    /**
     * The user's key as stored in the vault; empty for a user who has none (yet, or any more). A reader
     * that keeps a key for a while keeps only this one: a stand-in kept past the user's first write
     * would read everything written after it as unreadable.
     */
    public Mono<ContentCipher> stored(String userId) {
        return cached(userId).map(Mono::just).orElseGet(() -> load(userId)
                .doOnNext(cipher -> remember(userId, cipher)));
    }

    /** The key of no use that a user without a key reads with: a fresh random one, stored nowhere. */
    public static ContentCipher standIn(String userId) {
        return new ContentCipher(userId, ContentCipher.newKey());
    }

    /** Destroys the user's key: what was sealed with it cannot be read again. */
    public Mono<Void> destroy(String userId) {
        return db.sql("delete from vault.content_keys where user_id = $1").bind("$1", userId).fetch().rowsUpdated()
                .doOnNext(deleted -> {
                    forget(userId);
                    if (deleted > 0 && destroyedSincePurge == null) {
                        destroyedSincePurge = clock.instant();
                    }
                })
                .then();
    }

    /** Drops the user's key from this node's memory. */
    public void forget(String userId) {
        synchronized (cache) {
            cache.remove(userId);
        }
    }

    /** Seals every data key sealed with an older master key with the current one; returns how many. */
    public Mono<Long> reseal() {
        String current = sealer.currentKeyId();
        return db.sql("select user_id, key_id, sealed_key from vault.content_keys where key_id <> $1").bind("$1", current)
                .map(row -> new SealedRow(row.get("user_id", String.class),
                        new SealedSecret(row.get("key_id", String.class), row.get("sealed_key", String.class))))
                .all()
                .concatMap(row -> {
                    SealedSecret resealed = sealer.seal(row.userId(), PURPOSE, sealer.open(row.userId(), PURPOSE, row.key()));
                    return db.sql("update vault.content_keys set key_id = $1, sealed_key = $2 where user_id = $3 and key_id = $4")
                            .bind("$1", resealed.keyId()).bind("$2", resealed.ciphertext()).bind("$3", row.userId())
                            .bind("$4", row.key().keyId())
                            .fetch().rowsUpdated();
                })
                .reduce(0L, Long::sum);
    }

    private record SealedRow(String userId, SealedSecret key) {
    }

    /** When a key was first destroyed since the last purge; empty if none was. */
    Optional<Instant> destroyedSincePurge() {
        return Optional.ofNullable(destroyedSincePurge);
    }

    void purged(Instant startedAt) {
        Instant since = destroyedSincePurge;
        if (since != null && !since.isAfter(startedAt)) {
            destroyedSincePurge = null;
        }
    }

    DatabaseClient db() {
        return db;
    }

    private Mono<Void> create(String userId) {
        SealedSecret sealed = sealer.seal(userId, PURPOSE, ContentCipher.newKey());
        return db.sql("insert into vault.content_keys (user_id, key_id, sealed_key, created_at) values ($1, $2, $3, $4)"
                        + " on conflict (user_id) do nothing")
                .bind("$1", userId).bind("$2", sealed.keyId()).bind("$3", sealed.ciphertext())
                .bind("$4", clock.instant().atOffset(java.time.ZoneOffset.UTC))
                .then();
    }

    private Mono<ContentCipher> load(String userId) {
        return db.sql("select key_id, sealed_key from vault.content_keys where user_id = $1").bind("$1", userId)
                .map(row -> new SealedSecret(row.get("key_id", String.class), row.get("sealed_key", String.class)))
                .one()
                .map(sealed -> new ContentCipher(userId, sealer.open(userId, PURPOSE, sealed)));
    }

    private Optional<ContentCipher> cached(String userId) {
        synchronized (cache) {
            Cached cached = cache.get(userId);
            if (cached == null) {
                return Optional.empty();
            }
            if (clock.instant().isAfter(cached.until())) {
                cache.remove(userId);
                return Optional.empty();
            }
            return Optional.of(cached.cipher());
        }
    }

    private void remember(String userId, ContentCipher cipher) {
        synchronized (cache) {
            cache.put(userId, new Cached(cipher, clock.instant().plus(properties.cacheFor())));
        }
    }

    /** Every user with a key (for tests and tools). */
    Flux<String> users() {
        return db.sql("select user_id from vault.content_keys").map(row -> row.get("user_id", String.class)).all();
    }
}
