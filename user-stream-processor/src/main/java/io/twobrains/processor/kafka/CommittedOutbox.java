package io.twobrains.processor.kafka;

import io.twobrains.contract.event.EventEnvelope;
import io.twobrains.contract.reply.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Replies and events held until their transaction commits, then handed on in this process: replies
 * to the writes waiting for them, events to the users' live feeds. No reply record, no topic to read
 * back. A stream thread processes commands and commits its transaction itself, so what it staged
 * since its last commit is exactly what that commit makes durable; the producer tells us when it
 * committed ({@link CommitNotifyingProducer}) or aborted (then the commands are processed again, and
 * staged again, wherever their partition goes).
 */
public final class CommittedOutbox implements Outbox, CommitNotifyingProducer.Listener {

    private record Staged(Reply reply, List<EventEnvelope> events) {
    }

    private final ThreadLocal<List<Staged>> staged = ThreadLocal.withInitial(ArrayList::new);
    private final Consumer<Reply> replies;
    private final Consumer<EventEnvelope> events;

    /**
     * @param replies takes each reply once committed, on the stream thread: it must only hand it on
     * @param events  takes each event once committed, in order, on the stream thread: the same
     */
    public CommittedOutbox(Consumer<Reply> replies, Consumer<EventEnvelope> events) {
        this.replies = replies;
        this.events = events;
    }

    @Override
    public void stage(Reply reply, List<EventEnvelope> caused) {
        staged.get().add(new Staged(reply, caused));
    }

    @Override
    public void committed() {
        List<Staged> all = staged.get();
        if (all.isEmpty()) {
            return;
        }
        List<Staged> done = List.copyOf(all);
        all.clear();
        for (Staged command : done) {
            command.events().forEach(events);
            replies.accept(command.reply());
        }
    }

    @Override
    public void aborted() {
        staged.get().clear();
    }
}
