package io.twobrains.processor.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A conversation read newest first in widening windows yields what one range over it would, gaps and
 * neighbours included; and a page of a long conversation asks the store for about a page of positions,
 * not for the whole conversation (whose cached keys the record cache would copy).
 */
class NewestMessagesTest {

    private WritableTables tables;
    private final List<long[]> asked = new ArrayList<>();
    private Tables reading;

    @BeforeEach
    void oneStore() {
        KeyValueStore<Bytes, byte[]> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(Tables.STORE),
                Serdes.Bytes(), Serdes.ByteArray()).withLoggingDisabled().build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
        tables = new WritableTables(store);
        reading = new Tables(new Recording(store));
    }

    @Test
    void theWindowsTogetherYieldWhatOneRangeWouldGapsIncluded() {
        for (long p = 1; p <= 1_000; p++) {
            if (p % 7 != 0 && (p < 400 || p > 700)) {
                put("alice", "c1", p);
            }
        }
        put("alice", "c10", 5);
        put("alice", "c0", 2_000);
        put("bob", "c1", 3);

        List<Long> windows = positions(new NewestMessages(reading, "alice", "c1", 1_000, 10), Integer.MAX_VALUE);
        List<Long> oneRange = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = reading.reverseRange(Table.MESSAGES, Keys.message("alice", "c1", 0),
                Keys.message("alice", "c1", 1_000))) {
            it.forEachRemaining(entry -> oneRange.add(Keys.position(entry.key)));
        }

        assertThat(windows).isEqualTo(oneRange).hasSize(1_000 - 301 - 142 + 43).doesNotHaveDuplicates();
        assertThat(windows).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(positions(new NewestMessages(reading, "alice", "c1", 6, 10), Integer.MAX_VALUE))
                .containsExactly(6L, 5L, 4L, 3L, 2L, 1L);
        assertThat(positions(new NewestMessages(reading, "carol", "c1", 1_000, 10), Integer.MAX_VALUE)).isEmpty();
    }

    @Test
    void aPageOfALongConversationAsksForAboutAPageOfPositions() {
        for (long p = 1; p <= 10_000; p++) {
            put("alice", "c1", p);
        }
        asked.clear();

        assertThat(positions(new NewestMessages(reading, "alice", "c1", 10_000, 51), 51)).hasSize(51)
                .startsWith(10_000L).endsWith(9_950L);
        assertThat(asked).hasSize(1);
        assertThat(asked.get(0)).containsExactly(9_950L, 10_000L);

        // With the newest 100 positions gone (superseded), the next windows widen fourfold until a page is found.
        for (long p = 9_901; p <= 10_000; p++) {
            tables.delete(Table.MESSAGES, Keys.message("alice", "c1", p));
        }
        asked.clear();
        assertThat(positions(new NewestMessages(reading, "alice", "c1", 10_000, 51), 51)).hasSize(51)
                .startsWith(9_900L).endsWith(9_850L);
        assertThat(asked).extracting(range -> range[1] - range[0] + 1).containsExactly(51L, 204L);
    }

    private void put(String user, String conversation, long position) {
        tables.put(Table.MESSAGES, Keys.message(user, conversation, position),
                (user + "/" + conversation + "/" + position).getBytes(StandardCharsets.UTF_8));
    }

    private static List<Long> positions(NewestMessages messages, int atMost) {
        List<Long> positions = new ArrayList<>();
        try (messages) {
            while (positions.size() < atMost && messages.hasNext()) {
                positions.add(Keys.position(messages.next().key));
            }
        }
        return positions;
    }

    /** The store as the reads see it, noting the positions each reverse range asks for. */
    private final class Recording implements ReadOnlyKeyValueStore<Bytes, byte[]> {

        private final KeyValueStore<Bytes, byte[]> store;

        Recording(KeyValueStore<Bytes, byte[]> store) {
            this.store = store;
        }

        @Override
        public byte[] get(Bytes key) {
            return store.get(key);
        }

        @Override
        public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
            return store.range(from, to);
        }

        @Override
        public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
            asked.add(new long[] {Keys.position(from), Keys.position(to)});
            return store.reverseRange(from, to);
        }

        @Override
        public KeyValueIterator<Bytes, byte[]> all() {
            return store.all();
        }

        @Override
        public long approximateNumEntries() {
            return store.approximateNumEntries();
        }
    }
}
