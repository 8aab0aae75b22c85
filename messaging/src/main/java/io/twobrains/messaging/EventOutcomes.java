package io.twobrains.messaging;

import io.twobrains.contract.RecordHeaders;
import io.twobrains.contract.Topics;
import io.twobrains.contract.event.CommandRejected;
import io.twobrains.contract.event.EventEnvelope;
import io.twobrains.contract.json.EventCodec;
import io.twobrains.contract.reply.Reply;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Replies as a client outside a node learns them: from committed events. A command's outcome is
 * known once its last event (the one marked {@link RecordHeaders#COMMAND_END}) is read committed;
 * the reply carries the user's seq and, for a refusal, its code and reason (the views a node's
 * in-process reply carries are not in the log's events).
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
        if (record.headers().lastHeader(RecordHeaders.COMMAND_END) == null) {
            return;
        }
        EventEnvelope event = EventCodec.fromBytes(record.value());
        pending.complete(event.payload() instanceof CommandRejected rejected
                ? Reply.rejected(event.commandId(), event.userId(), event.seq(), rejected.code(), rejected.reason(),
                        rejected.limitType(), rejected.resetsAt())
                : Reply.accepted(event.commandId(), event.userId(), event.seq(), null, null, null, null));
    }

    @Override
    public void close() {
        tail.close();
    }
}
