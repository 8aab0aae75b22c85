package io.twobrains.processor.kafka;

import io.twobrains.processor.ProcessorProperties;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/** The Kafka Streams configuration of the processor, from its properties. */
public final class StreamsSettings {

    /** The consumer's own switch for a LeaveGroup on close, which Kafka Streams turns off by default. */
    static final String LEAVE_GROUP_ON_CLOSE = "internal.leave.group.on.close";

    private StreamsSettings() {
    }

    /**
     * @param base the deployment's Kafka settings (brokers, SASL, TLS: Spring's {@code spring.kafka.*} as Boot
     *             builds them for Kafka Streams), which every client of the processor takes
     */
    public static Properties live(ProcessorProperties settings, Map<String, Object> base) {
        Properties props = common(settings, base);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(settings.commitInterval().toMillis()));
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG),
                Long.toString(settings.sessionTimeout().toMillis()));
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, settings.resolvedAdvertisedHost() + ":" + settings.internalPort());
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, Integer.toString(settings.standbyReplicas()));
        // A node that stops leaves the group, so the others take its users over at once. Kafka Streams 4.1 keeps
        // a dynamic member in the group when it closes (close's leaveGroup is for static members), and the others
        // would wait out the session timeout before taking its partitions; without static membership a node that
        // comes back joins as a new member anyway, so staying gains nothing.
        props.put(StreamsConfig.mainConsumerPrefix(LEAVE_GROUP_ON_CLOSE), "true");
        settings.streams().forEach(props::put);
        return props;
    }

    /** A rebuild is a bulk fold: larger transactions, and no endpoint of its own. */
    public static Properties rebuild(ProcessorProperties settings, Map<String, Object> base) {
        Properties props = common(settings, base);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "1000");
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), "2000");
        settings.streams().forEach(props::put);
        return props;
    }

    private static Properties common(ProcessorProperties settings, Map<String, Object> base) {
        Properties props = new Properties();
        props.putAll(base);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
        props.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateDir().toAbsolutePath().toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(settings.streamThreads()));
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, Integer.toString(settings.replicationFactor()));
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDb.class.getName());
        // Waiting writers should not sit out a full poll: a short poll lets a due commit happen promptly.
        props.put(StreamsConfig.POLL_MS_CONFIG, "5");
        props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), "1");
        // A transaction left open by an instance that died without its state directory (a new process id,
        // so nobody fences it) holds back every read_committed reader of chat.events until this timeout
        // aborts it: the projector, the analytics consumers and the tests stall for as long. Short, but far
        // above the longest a healthy transaction stays open (a commit interval and a flush).
        props.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG),
                Long.toString(settings.transactionTimeout().toMillis()));
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), "50");
        return props;
    }

    /** The processor's own Kafka settings (brokers, security), for an admin client of its own. */
    public static Map<String, Object> admin(Properties props) {
        Map<String, Object> admin = new java.util.HashMap<>();
        props.forEach((key, value) -> admin.put((String) key, value));
        return admin;
    }
}
