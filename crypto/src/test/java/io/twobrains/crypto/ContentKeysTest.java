package io.twobrains.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.spi.ConnectionFactories;
import io.twobrains.contract.content.ContentCipher;
import io.twobrains.contract.content.ContentPlace;
import io.twobrains.contract.content.SealedContent;
import io.twobrains.testkit.TestPostgres;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.r2dbc.core.DatabaseClient;

/** The vault on a real PostgreSQL. */
class ContentKeysTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String OLD = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String NEW = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
    private static final ContentPlace PLACE = new ContentPlace.Title("c1");

    private final DatabaseClient db = DatabaseClient.create(ConnectionFactories.get(TestPostgres.newDatabase()
            .replace("jdbc:postgresql://", "r2dbc:postgresql://postgres:postgres@").replaceAll("\\?.*$", "")));
    private final ContentKeyProperties properties = new ContentKeyProperties(Duration.ofMinutes(5), Duration.ofMinutes(5), 100);

    private ContentKeys vault(String... keyIds) {
        Map<String, String> keys = Map.of("old", OLD, "new", NEW);
        SecretSealer sealer = new SecretSealer(new SecretsProperties(keys, keyIds[0]));
        ContentKeys vault = new ContentKeys(db, sealer, properties, Clock.systemUTC());
        vault.createTable().block(WAIT);
        return vault;
    }

    @Test
    void aUserGetsOneKeyWhichEveryNodeReadsAndNoneOfItIsStoredInTheOpen() {
        ContentKeys one = vault("old");
        ContentKeys other = vault("old");

        String sealed = one.forWriting("alice").block(WAIT).seal("the canary sings", PLACE);

        assertThat(other.forReading("alice").block(WAIT).open(sealed, PLACE)).isEqualTo("the canary sings");
        assertThat(other.forWriting("alice").block(WAIT).open(sealed, PLACE)).as("not a second key").isEqualTo("the canary sings");
        String stored = db.sql("select sealed_key from vault.content_keys where user_id = 'alice'")
                .map(row -> row.get(0, String.class)).one().block(WAIT);
        assertThat(stored).isNotBlank();
        assertThat(one.users().collectList().block(WAIT)).containsExactly("alice");
    }

    @Test
    void aDestroyedKeyOpensNothingAgainAndTheUserWhoComesBackGetsANewOne() {
        ContentKeys vault = vault("old");
        String sealed = vault.forWriting("bob").block(WAIT).seal("the canary sings", PLACE);

        vault.destroy("bob").block(WAIT);

        assertThat(vault.destroyedSincePurge()).isPresent();
        assertThat(vault.users().collectList().block(WAIT)).doesNotContain("bob");
        ContentCipher reading = vault.forReading("bob").block(WAIT);
        assertThat(SealedContent.openTitle(reading, "c1", sealed)).isEqualTo(SealedContent.UNREADABLE);
        assertThat(vault.users().collectList().block(WAIT)).as("reading creates no key").doesNotContain("bob");
        ContentCipher again = vault.forWriting("bob").block(WAIT);
        assertThat(SealedContent.openTitle(again, "c1", sealed)).isEqualTo(SealedContent.UNREADABLE);
    }

    @Test
    void aStoredKeyIsToldFromTheStandInOfAUserWithNone() {
        ContentKeys vault = vault("old");

        assertThat(vault.stored("erin").blockOptional(WAIT)).as("no key yet").isEmpty();
        String sealed = vault.forWriting("erin").block(WAIT).seal("the canary sings", PLACE);
        assertThat(vault.stored("erin").block(WAIT).open(sealed, PLACE)).isEqualTo("the canary sings");
        assertThat(vault("old").stored("erin").block(WAIT).open(sealed, PLACE)).as("from the vault, not the cache")
                .isEqualTo("the canary sings");

        vault.destroy("erin").block(WAIT);

        assertThat(vault.stored("erin").blockOptional(WAIT)).as("destroyed").isEmpty();
        assertThat(SealedContent.openTitle(ContentKeys.standIn("erin"), "c1", sealed)).isEqualTo(SealedContent.UNREADABLE);
        assertThat(vault.users().collectList().block(WAIT)).as("a stand-in is stored nowhere").doesNotContain("erin");
    }

    @Test
    void resealingMovesEveryKeyToTheCurrentMasterKeySoTheOldOneCanBeRetired() {
        String sealed = vault("old").forWriting("carol").block(WAIT).seal("kept", PLACE);
        ContentKeys rotated = vault("new");

        assertThat(rotated.reseal().block(WAIT)).isEqualTo(1L);

        assertThat(db.sql("select key_id from vault.content_keys where user_id = 'carol'").map(row -> row.get(0, String.class))
                .one().block(WAIT)).isEqualTo("new");
        SecretSealer newOnly = new SecretSealer(new SecretsProperties(Map.of("new", NEW), "new"));
        ContentKeys retired = new ContentKeys(db, newOnly, properties, Clock.systemUTC());
        assertThat(retired.forReading("carol").block(WAIT).open(sealed, PLACE)).isEqualTo("kept");
        assertThat(rotated.reseal().block(WAIT)).as("nothing left to move").isZero();
    }

    @Test
    void thePurgeRewritesTheVaultAndClearsThePendingDestruction() {
        ContentKeys vault = vault("old");
        vault.forWriting("dave").block(WAIT);
        vault.destroy("dave").block(WAIT);

        new ContentKeyPurge(vault, properties, Clock.systemUTC()).purgeNow().block(WAIT);

        assertThat(vault.destroyedSincePurge()).isEmpty();
        assertThat(db.sql("select count(*) from vault.content_keys").map(row -> row.get(0, Long.class)).one().block(WAIT))
                .isZero();
    }

    @Test
    void noSampleOfASealedKeyOutlivesItsRowInTheStatistics() {
        ContentKeys vault = vault("old");
        vault.forWriting("erin").block(WAIT);
        // A vault analysed before its sealed keys were kept out of the statistics: a sample of them is there.
        db.sql("alter table vault.content_keys alter column sealed_key set statistics -1").then().block(WAIT);
        db.sql("analyze vault.content_keys").then().block(WAIT);
        assertThat(sampledSealedKeys()).as("the sample this test starts from").isOne();

        vault("old");
        db.sql("analyze vault.content_keys").then().block(WAIT);

        assertThat(sampledSealedKeys()).as("statistics of vault.content_keys.sealed_key").isZero();
    }

    private long sampledSealedKeys() {
        return db.sql("select count(*) from pg_stats where schemaname = 'vault' and tablename = 'content_keys'"
                + " and attname = 'sealed_key'").map(row -> row.get(0, Long.class)).one().block(WAIT);
    }
}
