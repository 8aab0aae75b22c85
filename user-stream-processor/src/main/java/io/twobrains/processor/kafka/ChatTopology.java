package io.twobrains.processor.kafka;

import io.twobrains.contract.Topics;
import io.twobrains.processor.domain.QuotaPlans;
import io.twobrains.processor.store.Tables;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.AutoOffsetReset;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The two topologies of the per-user brain. Live: {@code chat.commands} → handle each command →
 * {@code chat.events} (+ {@code chat.dlq}), the replies staged in an outbox until their transaction
 * commits. Rebuild: {@code chat.events} → fold into the same store (+ {@code chat.dlq}). Both declare
 * the same store, so a rebuild fills exactly what the live topology reads.
 */
public final class ChatTopology {

    static final String EVENTS_SINK = "events";
    static final String DLQ_SINK = "dead-letters";
    /** Commands the processor gives itself: the failure of a generation whose runner is gone. */
    static final String COMMANDS_SINK = "own-commands";
    private static final String HANDLER = "handle-command";
    private static final String FOLDER = "fold-event";

    private ChatTopology() {
    }

    /**
     * @param runnerAlive whether a generation's runner (a node process) may still end it; the processor
     *                    fails the generations of a runner that is gone
     * @param backlog     what waits for a stream thread: when nothing does, a handled command asks for its
     *                    commit at once
     */
    public static Topology live(Duration commandRetention, QuotaPlans plans, Outbox outbox,
            Predicate<String> runnerAlive, Backlog backlog) {
        Topology topology = new Topology()
                .addSource("commands", Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), Topics.COMMANDS)
                .addProcessor(HANDLER, () -> new CommandHandler(commandRetention, plans, outbox, runnerAlive, backlog), "commands")
                .addSink(EVENTS_SINK, Topics.EVENTS, Serdes.String().serializer(), Serdes.ByteArray().serializer(), HANDLER)
                .addSink(COMMANDS_SINK, Topics.COMMANDS, Serdes.String().serializer(), Serdes.ByteArray().serializer(), HANDLER)
                .addSink(DLQ_SINK, Topics.DLQ, Serdes.String().serializer(), Serdes.ByteArray().serializer(), HANDLER);
        return withStores(topology, HANDLER);
    }

    public static Topology rebuild() {
        Topology topology = new Topology()
                .addSource(AutoOffsetReset.earliest(), "events", Serdes.String().deserializer(),
                        Serdes.ByteArray().deserializer(), Topics.EVENTS)
                .addProcessor(FOLDER, EventFolder::new, "events")
                .addSink(DLQ_SINK, Topics.DLQ, Serdes.String().serializer(), Serdes.ByteArray().serializer(), FOLDER);
        return withStores(topology, FOLDER);
    }

    /**
     * The one store of every table ({@link Tables}) is RocksDB, changelogged, and cached: within one
     * commit, repeated writes to a key (a busy user's record, a conversation's activity entry) reach
     * the changelog once.
     */
    private static Topology withStores(Topology topology, String processor) {
        return topology.addStateStore(Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(Tables.STORE), Serdes.Bytes(), Serdes.ByteArray())
                .withLoggingEnabled(Map.of())
                .withCachingEnabled(), processor);
    }
}
