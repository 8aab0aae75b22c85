package io.twobrains.processor.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.twobrains.contract.event.ConversationStarted;
import io.twobrains.contract.event.EventEnvelope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

/** A user's tabs see the user's committed events live, and a tab that comes back gets what it missed. */
class UserFeedTest {

    private final UserFeed feed = new UserFeed(Duration.ofMinutes(2), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

    @Test
    void everyTabOfAUserSeesItsEventsAndNoOtherUsers() {
        List<FeedItem> first = new CopyOnWriteArrayList<>();
        List<FeedItem> second = new CopyOnWriteArrayList<>();
        feed.follow("alice", null, 0).subscribe(first::add);
        feed.follow("alice", null, 0).subscribe(second::add);

        feed.publish(event("alice", 1));
        feed.publish(event("bob", 1));

        assertThat(seqs(first)).containsExactly(1L);
        assertThat(seqs(second)).containsExactly(1L);
    }

    @Test
    void aTabThatReconnectsGetsWhatItMissedOnce() {
        Disposable away = feed.follow("alice", null, 0).subscribe();
        feed.publish(event("alice", 1));
        away.dispose();
        feed.publish(event("alice", 2));
        feed.publish(event("alice", 3));

        List<FeedItem> back = new CopyOnWriteArrayList<>();
        feed.follow("alice", 1L, 3).subscribe(back::add);
        feed.publish(event("alice", 4));

        assertThat(seqs(back)).containsExactly(2L, 3L, 4L);
    }

    @Test
    void aTabAwayLongerThanWhatIsKeptIsToldToReadItsListsAgain() {
        feed.follow("alice", null, 0).subscribe();
        for (int seq = 1; seq <= UserFeed.KEPT + 10; seq++) {
            feed.publish(event("alice", seq));
        }

        List<FeedItem> back = new CopyOnWriteArrayList<>();
        feed.follow("alice", 3L, UserFeed.KEPT + 10).subscribe(back::add);

        assertThat(back).singleElement().isEqualTo(new FeedItem.Resync(UserFeed.KEPT + 10));
    }

    @Test
    void aTabThatMissedNothingIsNotToldToResync() {
        List<FeedItem> back = new CopyOnWriteArrayList<>();
        feed.follow("carol", 7L, 7).subscribe(back::add);

        assertThat(back).isEmpty();
    }

    @Test
    void usersNobodyFollowsKeepNothing() {
        feed.publish(event("dave", 1));
        assertThat(feed.users()).isZero();

        UserFeed later = new UserFeed(Duration.ZERO, Clock.fixed(Instant.EPOCH.plusSeconds(1), ZoneOffset.UTC));
        later.follow("erin", null, 0).subscribe().dispose();
        later.forgetIdle();
        assertThat(later.users()).isZero();
    }

    private static EventEnvelope event(String user, long seq) {
        return new EventEnvelope(UUID.randomUUID(), user, seq, UUID.randomUUID(), Instant.EPOCH, 1,
                new ConversationStarted("c" + seq, null));
    }

    private static List<Long> seqs(List<FeedItem> items) {
        return items.stream().map(item -> ((FeedItem.Committed) item).event().seq()).toList();
    }
}
