package io.twobrains.projector.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.twobrains.contract.DeadLetter;
import io.twobrains.contract.RecordHeaders;
import io.twobrains.contract.Topics;
import io.twobrains.contract.event.ConversationStarted;
import io.twobrains.contract.event.EventEnvelope;
import io.twobrains.contract.json.EventCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

class ReadBatchTest {

    private final List<ConsumerRecord<String, byte[]>> polled = new ArrayList<>();

    @Test
    void unreadableRecordsBecomeDeadLettersAndTheEventsAroundThemAreKeptInOrder() {
        EventEnvelope first = event("alice", 1);
        EventEnvelope second = event("alice", 2);
        byte[] unknownType = new String(EventCodec.toBytes(event("alice", 9)), StandardCharsets.UTF_8)
                .replace("ConversationStarted", "RocketLaunched").getBytes(StandardCharsets.UTF_8);
        record(0, 10, "alice", EventCodec.toBytes(first));
        record(0, 11, "alice", "{not json".getBytes(StandardCharsets.UTF_8));
        record(0, 12, "alice", unknownType);
        record(0, 13, "alice", oversized());
        record(0, 14, "alice", EventCodec.toBytes(second));

        ReadBatch batch = ReadBatch.of(polled);

        assertThat(batch.events()).containsExactly(first, second);
        assertThat(batch.deadLetters()).extracting(letter -> header(letter, RecordHeaders.DLQ_OFFSET))
                .containsExactly("11", "12", "13");
        assertThat(batch.deadLetters()).allSatisfy(letter -> {
            assertThat(letter.topic()).isEqualTo(Topics.DLQ);
            assertThat(letter.key()).isEqualTo("alice");
            assertThat(header(letter, RecordHeaders.DLQ_REASON)).isEqualTo(ReadBatch.REASON);
            assertThat(header(letter, RecordHeaders.DLQ_TOPIC)).isEqualTo(Topics.EVENTS);
            assertThat(header(letter, RecordHeaders.DLQ_PARTITION)).isEqualTo("0");
        });
        assertThat(header(batch.deadLetters().get(0), RecordHeaders.DLQ_EXCEPTION)).contains("not valid JSON");
        assertThat(header(batch.deadLetters().get(1), RecordHeaders.DLQ_EXCEPTION)).contains("unknown event type");
        assertThat(header(batch.deadLetters().get(2), RecordHeaders.DLQ_EXCEPTION)).contains("over the limit");
        assertThat(batch.deadLetters().get(2).value()).hasSize(DeadLetter.MAX_VALUE_BYTES);
    }

    @Test
    void theNextOffsetOfEachPartitionIsPastItsLastRecordReadableOrNot() {
        record(0, 4, "alice", EventCodec.toBytes(event("alice", 1)));
        record(0, 5, "alice", "{not json".getBytes(StandardCharsets.UTF_8));
        record(1, 7, "bob", null);

        ReadBatch batch = ReadBatch.of(polled);

        assertThat(batch.next()).isEqualTo(Map.of(
                new TopicPartition(Topics.EVENTS, 0), 6L,
                new TopicPartition(Topics.EVENTS, 1), 8L));
        assertThat(batch.deadLetters()).hasSize(2);
    }

    private void record(int partition, long offset, String key, byte[] value) {
        polled.add(new ConsumerRecord<>(Topics.EVENTS, partition, offset, key, value));
    }

    /** Valid JSON, but bigger than any record twobrains writes (yet under the broker's limit). */
    private static byte[] oversized() {
        char[] padding = new char[Topics.MAX_RECORD_BYTES];
        Arrays.fill(padding, 'x');
        return ("{\"padding\":\"" + new String(padding) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static EventEnvelope event(String user, long seq) {
        return new EventEnvelope(UUID.randomUUID(), user, seq, UUID.randomUUID(), Instant.parse("2026-01-02T03:04:05Z"),
                1, new ConversationStarted("c" + seq, null));
    }

    private static String header(ProducerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
