package io.twobrains.processor.kafka;

import io.twobrains.contract.reply.Reply;

/**
 * Where the processor puts a command's reply. It is handed on only once the transaction that
 * carries the command's events and state has committed ({@link CommittedReplies}), so nobody is told
 * of a write that could still be lost; a test driver's outbox just collects them.
 */
public interface ReplyOutbox {

    void stage(Reply reply);
}
