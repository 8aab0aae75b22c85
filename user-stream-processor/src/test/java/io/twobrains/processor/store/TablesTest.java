package io.twobrains.processor.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tables share one store, and none of them sees another's keys, whatever the keys are. */
class TablesTest {

    private WritableTables tables;

    @BeforeEach
    void oneStore() {
        KeyValueStore<Bytes, byte[]> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(Tables.STORE),
                Serdes.Bytes(), Serdes.ByteArray()).withLoggingDisabled().build();
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
        store.init(context.getStateStoreContext(), store);
        tables = new WritableTables(store);
    }

    @Test
    void theSameKeyInTwoTablesIsTwoEntries() {
        tables.put(Table.HEADS, key("alice"), value("user"));
        tables.put(Table.PROFILES, key("alice"), value("profile"));

        assertThat(text(tables.get(Table.HEADS, key("alice")))).isEqualTo("user");
        assertThat(text(tables.get(Table.PROFILES, key("alice")))).isEqualTo("profile");
        assertThat(tables.get(Table.CONVERSATIONS, key("alice"))).isNull();

        tables.delete(Table.HEADS, key("alice"));
        assertThat(tables.get(Table.HEADS, key("alice"))).isNull();
        assertThat(text(tables.get(Table.PROFILES, key("alice")))).isEqualTo("profile");
    }

    @Test
    void rangesStayInTheirTableAndShowTheTablesOwnKeys() {
        byte[] highest = {(byte) 0xFF, (byte) 0xFF};
        byte[] lowest = {0};
        tables.put(Table.CONVERSATIONS, Bytes.wrap(lowest), value("c-low"));
        tables.put(Table.CONVERSATIONS, key("m"), value("c-mid"));
        tables.put(Table.CONVERSATIONS, Bytes.wrap(highest), value("c-high"));
        tables.put(Table.ACTIVITY, Bytes.wrap(lowest), value("next table"));
        tables.put(Table.HEADS, Bytes.wrap(highest), value("table before"));

        assertThat(entries(tables.range(Table.CONVERSATIONS, Bytes.wrap(lowest), Bytes.wrap(highest))))
                .containsExactly("00=c-low", "6d=c-mid", "ffff=c-high");
        assertThat(entries(tables.reverseRange(Table.CONVERSATIONS, Bytes.wrap(lowest), Bytes.wrap(highest))))
                .containsExactly("ffff=c-high", "6d=c-mid", "00=c-low");
        assertThat(entries(tables.all(Table.CONVERSATIONS))).containsExactly("00=c-low", "6d=c-mid", "ffff=c-high");
        assertThat(entries(tables.all(Table.ACTIVITY))).containsExactly("00=next table");
        assertThat(entries(tables.range(Table.CONVERSATIONS, key("m"), key("m")))).containsExactly("6d=c-mid");
    }

    @Test
    void theTagsAreDistinctAndNeverZero() {
        assertThat(List.of(Table.values()).stream().map(table -> table.tag).distinct()).hasSize(Table.values().length);
        assertThat(List.of(Table.values())).noneMatch(table -> table.tag == 0);
    }

    private static List<String> entries(KeyValueIterator<Bytes, byte[]> iterator) {
        List<String> entries = new ArrayList<>();
        try (iterator) {
            iterator.forEachRemaining(entry -> entries.add(HexFormat.of().formatHex(entry.key.get()) + "=" + text(entry.value)));
        }
        return entries;
    }

    private static Bytes key(String text) {
        return Bytes.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] value(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] value) {
        return new String(value, StandardCharsets.UTF_8);
    }
}
