package io.twobrains.query.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.twobrains.contract.content.ContentCipher;
import io.twobrains.contract.content.SealedContent;
import io.twobrains.contract.event.ConversationDeleted;
import io.twobrains.contract.event.Event;
import io.twobrains.contract.event.EventEnvelope;
import io.twobrains.contract.event.UserErased;
import io.twobrains.crypto.ContentKeys;
import io.twobrains.processor.feed.FeedItem;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** A feed keeps the user's stored key once there is one, and never a stand-in. */
class FeedKeyTest {

    private final AtomicReference<ContentCipher> vault = new AtomicReference<>();
    private final AtomicInteger lookUps = new AtomicInteger();
    private final FeedKey key = new FeedKey("alice", user -> {
        lookUps.incrementAndGet();
        return Mono.justOrEmpty(vault.get());
    }, ContentKeys::standIn);

    @Test
    void aFeedOpenedBeforeTheFirstWriteReadsWhatIsWrittenAfterIt() {
        ContentCipher before = key.forItem(event(1, new ConversationDeleted("c0"))).block();
        vault.set(new ContentCipher("alice", ContentCipher.newKey()));
        String title = SealedContent.sealTitle(vault.get(), "c1", "Canary plans");

        ContentCipher after = key.forItem(event(2, new ConversationDeleted("c1"))).block();

        assertThat(SealedContent.openTitle(before, "c1", title)).isEqualTo(SealedContent.UNREADABLE);
        assertThat(SealedContent.openTitle(after, "c1", title)).isEqualTo("Canary plans");
    }

    @Test
    void onceTheStoredKeyIsFoundTheFeedKeepsItAndLooksUpNoMore() {
        vault.set(new ContentCipher("alice", ContentCipher.newKey()));

        ContentCipher first = key.forItem(event(1, new ConversationDeleted("c1"))).block();
        for (int seq = 2; seq <= 10; seq++) {
            assertThat(key.forItem(event(seq, new ConversationDeleted("c1"))).block()).isSameAs(first);
        }
        assertThat(key.forItem(new FeedItem.Resync(11)).block()).isSameAs(first);

        assertThat(lookUps).hasValue(1);
    }

    @Test
    void afterTheUsersErasureTheFeedKeepsNoKeyAndFindsTheNewOneOfAUserWhoCameBack() {
        ContentCipher old = new ContentCipher("alice", ContentCipher.newKey());
        vault.set(old);
        key.forItem(event(1, new ConversationDeleted("c1"))).block();

        vault.set(null);
        ContentCipher atErasure = key.forItem(event(2, new UserErased())).block();
        ContentCipher comeBack = new ContentCipher("alice", ContentCipher.newKey());
        vault.set(comeBack);
        String title = SealedContent.sealTitle(comeBack, "c2", "A new start");

        assertThat(atErasure).isNotSameAs(old);
        assertThat(SealedContent.openTitle(key.forItem(event(3, new ConversationDeleted("c2"))).block(), "c2", title))
                .isEqualTo("A new start");
        int before = lookUps.get();
        key.forItem(event(4, new ConversationDeleted("c2"))).block();
        assertThat(lookUps.get()).as("looked up for each event again, as before keeping").isEqualTo(before + 1);
    }

    private static FeedItem event(long seq, Event payload) {
        return new FeedItem.Committed(new EventEnvelope(UUID.randomUUID(), "alice", seq, UUID.randomUUID(),
                Instant.EPOCH, 1, payload));
    }
}
