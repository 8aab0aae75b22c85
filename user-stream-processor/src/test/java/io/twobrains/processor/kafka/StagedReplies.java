package io.twobrains.processor.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.twobrains.contract.event.EventEnvelope;
import io.twobrains.contract.reply.Reply;
import java.util.ArrayList;
import java.util.List;

/** A test driver's outbox: the test driver commits after every record, so a staged reply is a sent one. */
final class StagedReplies implements Outbox {

    private final List<Reply> staged = new ArrayList<>();

    @Override
    public void stage(Reply reply, List<EventEnvelope> events) {
        staged.add(reply);
    }

    /** The one reply staged since the last call. */
    Reply takeOne() {
        assertThat(staged).as("replies staged for one command").hasSize(1);
        Reply reply = staged.get(0);
        staged.clear();
        return reply;
    }

    boolean isEmpty() {
        return staged.isEmpty();
    }
}
