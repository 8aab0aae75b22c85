package io.twobrains.processor.kafka;

import io.twobrains.processor.store.ChatReader;
import io.twobrains.processor.store.Tables;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Finds where a user's state lives: in a partition this node owns (read it here, in-process), or on
 * another node (send the request there). Empty while a rebalance moves the partition.
 */
public class UserLocator {

    /** Where a user's state is. */
    public sealed interface Location {
        record Here(int partition, ChatReader reader) implements Location {
        }

        record Elsewhere(HostInfo host) implements Location {
        }
    }

    private final KafkaStreams streams;
    private final HostInfo self;

    public UserLocator(KafkaStreams streams, HostInfo self) {
        this.streams = streams;
        this.self = self;
    }

    public Optional<Location> locate(String userId) {
        if (streams.state() != KafkaStreams.State.RUNNING) {
            return Optional.empty();
        }
        KeyQueryMetadata metadata = streams.queryMetadataForKey(Tables.STORE, userId, Serdes.String().serializer());
        if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)) {
            return Optional.empty();
        }
        if (!self.equals(metadata.activeHost())) {
            return Optional.of(new Location.Elsewhere(metadata.activeHost()));
        }
        try {
            return Optional.of(new Location.Here(metadata.partition(),
                    new ChatReader(new Tables(store(metadata.partition())))));
        } catch (InvalidStateStoreException e) {
            return Optional.empty();
        }
    }

    /** Whether this node holds the user's partition now (false while it moves). */
    public boolean holds(String userId) {
        if (streams.state() != KafkaStreams.State.RUNNING) {
            return false;
        }
        KeyQueryMetadata metadata = streams.queryMetadataForKey(Tables.STORE, userId, Serdes.String().serializer());
        return metadata != null && !KeyQueryMetadata.NOT_AVAILABLE.equals(metadata) && self.equals(metadata.activeHost());
    }

    /** The user's state if this node holds it now; empty if another node does, or it is moving. */
    public Optional<ChatReader> here(String userId) {
        return locate(userId).filter(Location.Here.class::isInstance).map(location -> ((Location.Here) location).reader());
    }

    /** This node, as other nodes reach it. */
    public HostInfo self() {
        return self;
    }

    private ReadOnlyKeyValueStore<Bytes, byte[]> store(int partition) {
        return streams.store(StoreQueryParameters
                .fromNameAndType(Tables.STORE, QueryableStoreTypes.<Bytes, byte[]>keyValueStore())
                .withPartition(partition));
    }
}
