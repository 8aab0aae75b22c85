package io.twobrains.processor.kafka;

import io.twobrains.processor.ProcessorProperties;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/** The Kafka Streams configuration of the processor, from its properties. */
public final class StreamsSettings {

    private StreamsSettings() {
    }

    public static Properties live(ProcessorProperties settings, String bootstrapServers, int httpPort) {
        Properties props = common(settings, bootstrapServers);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(settings.commitInterval().toMillis()));
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, settings.resolvedAdvertisedHost() + ":" + httpPort);
        settings.streams().forEach(props::put);
        return props;
    }

    /** A rebuild is a bulk fold: larger transactions, and no endpoint of its own. */
    public static Properties rebuild(ProcessorProperties settings, String bootstrapServers) {
        Properties props = common(settings, bootstrapServers);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "1000");
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), "2000");
        settings.streams().forEach(props::put);
        return props;
    }

    private static Properties common(ProcessorProperties settings, String bootstrapServers) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateDir().toAbsolutePath().toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(settings.streamThreads()));
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, Integer.toString(settings.replicationFactor()));
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDb.class.getName());
        // Waiting writers should not sit out a full poll: a short poll lets a due commit happen promptly.
        props.put(StreamsConfig.POLL_MS_CONFIG, "5");
        props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), "1");
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), "50");
        return props;
    }
}
