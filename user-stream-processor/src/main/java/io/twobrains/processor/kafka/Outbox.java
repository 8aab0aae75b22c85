package io.twobrains.processor.kafka;

import io.twobrains.contract.event.EventEnvelope;
import io.twobrains.contract.reply.Reply;
import java.util.List;

/**
 * Where the processor puts a command's reply and the events it caused. They are handed on only once
 * the transaction that carries the events and the state has committed ({@link CommittedOutbox}), so
 * nobody is told of a write that could still be lost; a test driver's outbox just collects them.
 */
public interface Outbox {

    /** @param events the command's events (none for a repeated command: it caused nothing new) */
    void stage(Reply reply, List<EventEnvelope> events);
}
