package io.twobrains.messaging;

import io.twobrains.contract.Topics;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Replies as a client outside a node learns them: from committed events ({@link EventReplies}), on
 * every partition of {@code chat.events}, from its end.
 */
public final class EventOutcomes implements AutoCloseable {

    private final TopicTail tail;

    private EventOutcomes(TopicTail tail) {
        this.tail = tail;
    }

    /** Reads {@code chat.events} from its end, completing waiters in {@code pending}. */
    public static EventOutcomes start(KafkaClients clients, PendingReplies pending) {
        TopicTail tail = TopicTail.start(clients, Topics.EVENTS, null, new TopicTail.Start.AtEnd(), true,
                record -> outcome(record, pending), "event-outcomes");
        try {
            if (!tail.awaitPositioned(Duration.ofSeconds(60))) {
                throw new IllegalStateException("could not position on " + Topics.EVENTS + " within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return new EventOutcomes(tail);
    }

    private static void outcome(ConsumerRecord<String, byte[]> record, PendingReplies pending) {
        EventReplies.of(record).ifPresent(pending::complete);
    }

    @Override
    public void close() {
        tail.close();
    }
}
