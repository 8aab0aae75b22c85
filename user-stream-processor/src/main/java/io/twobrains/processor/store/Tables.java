package io.twobrains.processor.store;

import java.util.Arrays;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The processor's state: one RocksDB store holding every {@link Table}, each key prefixed with its
 * table's tag. One store rather than one per table, because every store has its own changelog
 * partition per task, and each partition a transaction touches costs the broker an append and a
 * commit marker on every commit (docs/adr/0007-one-state-store.md). Keys seen through this class are
 * the tables' own keys, without the tag; ranges stay within their table.
 */
public class Tables {

    /**
     * The name of the store, and so of its changelog topic ({@code <application.id>-chat-state-v2-changelog}).
     * v2: binary values and the user head (docs/adr/0012-the-lean-path.md); the name changed with the
     * layout, so an old changelog is never read as the new one.
     */
    public static final String STORE = "chat-state-v2";

    private final ReadOnlyKeyValueStore<Bytes, byte[]> store;

    public Tables(ReadOnlyKeyValueStore<Bytes, byte[]> store) {
        this.store = store;
    }

    public byte[] get(Table table, Bytes key) {
        return store.get(tagged(table, key));
    }

    /** Keys from {@code from} to {@code to}, both inclusive, in ascending order. */
    public KeyValueIterator<Bytes, byte[]> range(Table table, Bytes from, Bytes to) {
        return untagged(store.range(tagged(table, from), tagged(table, to)));
    }

    /** Keys from {@code to} down to {@code from}, both inclusive, in descending order. */
    public KeyValueIterator<Bytes, byte[]> reverseRange(Table table, Bytes from, Bytes to) {
        return untagged(store.reverseRange(tagged(table, from), tagged(table, to)));
    }

    /** Keys from {@code from} (inclusive) to the end of the table, in ascending order. */
    public KeyValueIterator<Bytes, byte[]> rangeFrom(Table table, Bytes from) {
        // Keys start with a user id in UTF-8, which never holds a 0xFF byte: this bound is past all of them.
        byte[] end = new byte[9];
        java.util.Arrays.fill(end, (byte) 0xFF);
        end[0] = table.tag;
        return untagged(store.range(tagged(table, from), Bytes.wrap(end)));
    }

    /** Every entry of the table, in key order. */
    public KeyValueIterator<Bytes, byte[]> all(Table table) {
        return untagged(store.prefixScan(Bytes.wrap(new byte[] {table.tag}), Serdes.Bytes().serializer()));
    }

    public static Bytes tagged(Table table, Bytes key) {
        byte[] bytes = new byte[key.get().length + 1];
        bytes[0] = table.tag;
        System.arraycopy(key.get(), 0, bytes, 1, key.get().length);
        return Bytes.wrap(bytes);
    }

    private static Bytes untagged(Bytes key) {
        return key == null ? null : Bytes.wrap(Arrays.copyOfRange(key.get(), 1, key.get().length));
    }

    private static KeyValueIterator<Bytes, byte[]> untagged(KeyValueIterator<Bytes, byte[]> tagged) {
        return new KeyValueIterator<>() {
            @Override
            public boolean hasNext() {
                return tagged.hasNext();
            }

            @Override
            public KeyValue<Bytes, byte[]> next() {
                KeyValue<Bytes, byte[]> entry = tagged.next();
                return KeyValue.pair(untagged(entry.key), entry.value);
            }

            @Override
            public Bytes peekNextKey() {
                return untagged(tagged.peekNextKey());
            }

            @Override
            public void close() {
                tagged.close();
            }
        };
    }
}
