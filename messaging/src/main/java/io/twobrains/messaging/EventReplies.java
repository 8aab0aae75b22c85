package io.twobrains.messaging;

import io.twobrains.contract.RecordHeaders;
import io.twobrains.contract.event.CommandRejected;
import io.twobrains.contract.event.EventEnvelope;
import io.twobrains.contract.json.EventCodec;
import io.twobrains.contract.reply.Reply;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A reply as the log tells it: a command's outcome is known once its last event (marked
 * {@link RecordHeaders#COMMAND_END}) is read committed. The reply carries the user's seq and, for a
 * refusal, its code and reason; the views a node's in-process reply carries are not in the events.
 */
final class EventReplies {

    private EventReplies() {
    }

    /** The reply a committed event of {@code chat.events} completes, if it is a command's last. */
    static Optional<Reply> of(ConsumerRecord<String, byte[]> record) {
        if (record.headers().lastHeader(RecordHeaders.COMMAND_END) == null) {
            return Optional.empty();
        }
        EventEnvelope event = EventCodec.fromBytes(record.value());
        return Optional.of(event.payload() instanceof CommandRejected rejected
                ? Reply.rejected(event.commandId(), event.userId(), event.seq(), rejected.code(), rejected.reason(),
                        rejected.limitType(), rejected.resetsAt())
                : Reply.accepted(event.commandId(), event.userId(), event.seq(), null, null, null, null));
    }
}
