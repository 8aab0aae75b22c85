package io.twobrains.processor.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * A stream thread's backlog as its main consumer knows it. A partition is caught up when the consumer
 * knows of no record past its position (a lag of 0 at its last fetch) and every record it has handed to
 * Kafka Streams has been handled (its position is the offset after the last command handled). The
 * thread's backlog is empty when every partition it is assigned is caught up.
 *
 * <p>A main consumer binds itself to the stream thread that polls it, and a processor runs on that same
 * thread, so each asks the consumer of its own thread, and only that thread ever touches it. The next
 * offset to handle of a partition is first that of the first record a poll hands on, and is forgotten when
 * the partition is revoked or lost. A commit marker on the command topic (the processor's own commands are
 * written in its transactions) keeps its partition looking busy until the next command there: a commit
 * then waits for the interval. Nothing here changes what a commit holds, only when it happens.
 */
final class FetchedBacklog implements Backlog {

    private final ThreadLocal<Watch> watches = new ThreadLocal<>();

    /** A main consumer for a stream thread, as Kafka Streams would make it, that binds itself to that thread. */
    Consumer<byte[], byte[]> mainConsumer(Map<String, Object> config) {
        return new MainConsumer(config);
    }

    @Override
    public boolean emptyAfter(RecordMetadata handled) {
        Watch watch = watches.get();
        return watch != null && watch.emptyAfter(new TopicPartition(handled.topic(), handled.partition()), handled.offset());
    }

    /** One stream thread's view: its consumer, and the next offset to handle of each partition it handled. */
    private static final class Watch {

        private final Consumer<byte[], byte[]> consumer;
        private final Map<TopicPartition, Long> nextToHandle = new HashMap<>();

        Watch(Consumer<byte[], byte[]> consumer) {
            this.consumer = consumer;
        }

        /** {@code listener}, and this watch forgets the partitions that leave the thread. */
        ConsumerRebalanceListener forgetting(ConsumerRebalanceListener listener) {
            return new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    partitions.forEach(nextToHandle::remove);
                    listener.onPartitionsRevoked(partitions);
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    listener.onPartitionsAssigned(partitions);
                }

                @Override
                public void onPartitionsLost(Collection<TopicPartition> partitions) {
                    partitions.forEach(nextToHandle::remove);
                    listener.onPartitionsLost(partitions);
                }
            };
        }

        boolean emptyAfter(TopicPartition partition, long offset) {
            nextToHandle.put(partition, offset + 1);
            try {
                // Under load the command's own partition has more waiting: say so before looking at the others.
                if (consumer.position(partition, Duration.ZERO) > offset + 1) {
                    return false;
                }
                for (TopicPartition assigned : consumer.assignment()) {
                    OptionalLong lag = consumer.currentLag(assigned);
                    if (lag.isEmpty() || lag.getAsLong() > 0) {
                        return false;
                    }
                    // A known lag means a known position: this does not wait.
                    Long next = nextToHandle.get(assigned);
                    if (next != null && consumer.position(assigned, Duration.ZERO) > next) {
                        return false;
                    }
                }
                return true;
            } catch (KafkaException e) {
                return false;
            }
        }
    }

    private final class MainConsumer extends KafkaConsumer<byte[], byte[]> {

        private final Watch watch = new Watch(this);

        MainConsumer(Map<String, Object> config) {
            super(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        }

        @Override
        public ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
            if (watches.get() != watch) {
                watches.set(watch);
            }
            ConsumerRecords<byte[], byte[]> records = super.poll(timeout);
            for (TopicPartition partition : records.partitions()) {
                watch.nextToHandle.putIfAbsent(partition, records.records(partition).get(0).offset());
            }
            return records;
        }

        @Override
        public void subscribe(Collection<String> topics, ConsumerRebalanceListener listener) {
            super.subscribe(topics, watch.forgetting(listener));
        }

        @Override
        public void subscribe(Pattern pattern, ConsumerRebalanceListener listener) {
            super.subscribe(pattern, watch.forgetting(listener));
        }
    }
}
