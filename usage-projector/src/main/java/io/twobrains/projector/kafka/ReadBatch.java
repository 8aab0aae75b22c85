package io.twobrains.projector.kafka;

import io.twobrains.contract.DeadLetter;
import io.twobrains.contract.Topics;
import io.twobrains.contract.event.EventEnvelope;
import io.twobrains.contract.json.EventCodec;
import io.twobrains.contract.json.MalformedRecordException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * One polled batch, decoded: the events to fold (each with the record it came from, which is what a
 * fold that fails dead-letters), the dead letters of the records that are not events (bad JSON, an
 * unknown type or version, oversized), and the next offset of every partition the batch touched,
 * past both.
 */
public record ReadBatch(List<Read> reads, List<ProducerRecord<String, byte[]>> deadLetters,
        Map<TopicPartition, Long> next) {

    static final String REASON = "unreadable event";

    /** An event and the record it was read from. */
    public record Read(ConsumerRecord<String, byte[]> record, EventEnvelope event) {
    }

    public static ReadBatch of(Iterable<ConsumerRecord<String, byte[]>> records) {
        List<Read> reads = new ArrayList<>();
        List<ProducerRecord<String, byte[]>> deadLetters = new ArrayList<>();
        Map<TopicPartition, Long> next = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            next.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
            try {
                Topics.requireFits(record.value());
                reads.add(new Read(record, EventCodec.fromBytes(record.value())));
            } catch (MalformedRecordException e) {
                deadLetters.add(DeadLetter.of(record, REASON, e));
            }
        }
        return new ReadBatch(List.copyOf(reads), List.copyOf(deadLetters), Map.copyOf(next));
    }

    /** The events, in the order read. */
    public List<EventEnvelope> events() {
        return reads.stream().map(Read::event).toList();
    }
}
