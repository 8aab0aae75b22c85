package io.twobrains.processor.store;

import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * A conversation's stored messages, newest first, from a position down to the first: read in windows of
 * positions, the first as wide as the caller expects to need and each next one four times wider, rather
 * than in one range over the whole conversation.
 *
 * <p>Why: Kafka Streams' record cache copies every key it holds in a range (into a new sorted set) before
 * the range is iterated. One range over a long conversation whose recent messages are cached cost as much
 * as those keys, read or not: a page of 50 from a conversation of 100,000 messages spent most of its time
 * copying cached keys (docs/bench/2026-12-03-read-profile). A window's cost is bounded by its width; the
 * windows of one read are disjoint and descend, so together they yield what one range would.
 */
final class NewestMessages implements Iterator<KeyValue<Bytes, byte[]>>, AutoCloseable {

    /** Windows stop growing here: wide enough that a conversation with gaps still needs few of them. */
    private static final long WIDEST = 1L << 20;

    private final Tables tables;
    private final String userId;
    private final String conversationId;
    /** The highest position the next window starts from; below 0 when every window has been read. */
    private long high;
    private long width;
    private KeyValueIterator<Bytes, byte[]> window;

    /**
     * @param from      the newest position to read (inclusive)
     * @param firstWidth how many positions the first window spans: the entries the caller expects to need
     */
    NewestMessages(Tables tables, String userId, String conversationId, long from, long firstWidth) {
        this.tables = tables;
        this.userId = userId;
        this.conversationId = conversationId;
        this.high = from;
        this.width = Math.max(1, firstWidth);
    }

    @Override
    public boolean hasNext() {
        while (window == null || !window.hasNext()) {
            if (window != null) {
                window.close();
                window = null;
            }
            if (high < 0) {
                return false;
            }
            long low = Math.max(0, high - width + 1);
            window = tables.reverseRange(Table.MESSAGES, Keys.message(userId, conversationId, low),
                    Keys.message(userId, conversationId, high));
            high = low - 1;
            width = Math.min(WIDEST, width * 4);
        }
        return true;
    }

    @Override
    public KeyValue<Bytes, byte[]> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return window.next();
    }

    @Override
    public void close() {
        if (window != null) {
            window.close();
            window = null;
        }
    }
}
