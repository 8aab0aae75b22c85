package io.twobrains.projector;

import io.twobrains.contract.Topics;
import io.twobrains.contract.event.Event;
import io.twobrains.contract.event.EventEnvelope;
import io.twobrains.contract.json.EventCodec;
import io.twobrains.contract.json.PayloadTypes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes events to chat.events as the processor would (per-user gapless seqs), and remembers them. */
final class EventLog implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final Map<String, Long> seqs = new HashMap<>();
    private final List<EventEnvelope> written = new ArrayList<>();

    EventLog(String bootstrap) {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    EventEnvelope write(String user, Instant at, Event event) {
        long seq = seqs.merge(user, 1L, Long::sum);
        EventEnvelope envelope = new EventEnvelope(UUID.randomUUID(), user, seq, UUID.randomUUID(), at,
                PayloadTypes.currentVersion(event.getClass()), event);
        producer.send(new ProducerRecord<>(Topics.EVENTS, user, EventCodec.toBytes(envelope)));
        written.add(envelope);
        return envelope;
    }

    void flush() {
        producer.flush();
    }

    List<EventEnvelope> written() {
        return List.copyOf(written);
    }

    long seq(String user) {
        return seqs.getOrDefault(user, 0L);
    }

    @Override
    public void close() {
        producer.close();
    }
}
