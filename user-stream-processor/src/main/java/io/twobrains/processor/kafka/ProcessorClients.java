package io.twobrains.processor.kafka;

import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaClientSupplier;

/**
 * The processor's Kafka clients, as Kafka Streams would make them, with producers that tell of their
 * commits and main consumers that tell their thread's backlog.
 */
final class ProcessorClients implements KafkaClientSupplier {

    private final CommitNotifyingProducer.Listener commits;
    private final FetchedBacklog backlog;

    /** @param backlog what makes the stream threads' main consumers, or null for plain ones (commits at the interval only) */
    ProcessorClients(CommitNotifyingProducer.Listener commits, FetchedBacklog backlog) {
        this.commits = commits;
        this.backlog = backlog;
    }

    @Override
    public Admin getAdmin(Map<String, Object> config) {
        return Admin.create(config);
    }

    @Override
    public Producer<byte[], byte[]> getProducer(Map<String, Object> config) {
        return new CommitNotifyingProducer(
                new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer()), commits);
    }

    /** A stream thread's main consumer. */
    @Override
    public Consumer<byte[], byte[]> getConsumer(Map<String, Object> config) {
        return backlog == null ? plain(config) : backlog.mainConsumer(config);
    }

    @Override
    public Consumer<byte[], byte[]> getRestoreConsumer(Map<String, Object> config) {
        return plain(config);
    }

    @Override
    public Consumer<byte[], byte[]> getGlobalConsumer(Map<String, Object> config) {
        return plain(config);
    }

    private static Consumer<byte[], byte[]> plain(Map<String, Object> config) {
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
