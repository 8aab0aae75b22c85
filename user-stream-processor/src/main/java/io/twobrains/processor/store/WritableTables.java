package io.twobrains.processor.store;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;

/** The processor's tables as its stream task writes them. */
public class WritableTables extends Tables {

    private final KeyValueStore<Bytes, byte[]> store;

    public WritableTables(KeyValueStore<Bytes, byte[]> store) {
        super(store);
        this.store = store;
    }

    public void put(Table table, Bytes key, byte[] value) {
        store.put(tagged(table, key), value);
    }

    public void delete(Table table, Bytes key) {
        store.delete(tagged(table, key));
    }
}
