package io.twobrains.processor.kafka;

import io.twobrains.contract.reply.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Replies held until their transaction commits, then delivered in this process: no reply record,
 * no reply topic to read back. A stream thread processes commands and commits its transaction itself,
 * so what it staged since its last commit is exactly what that commit makes durable; the producer
 * tells us when it committed ({@link CommitNotifyingProducer}) or aborted (then the commands are
 * processed again, and staged again, wherever their partition goes).
 */
public final class CommittedReplies implements ReplyOutbox, CommitNotifyingProducer.Listener {

    private final ThreadLocal<List<Reply>> staged = ThreadLocal.withInitial(ArrayList::new);
    private final Consumer<Reply> deliver;

    /** @param deliver takes each reply once committed, on the stream thread: it must only hand it on */
    public CommittedReplies(Consumer<Reply> deliver) {
        this.deliver = deliver;
    }

    @Override
    public void stage(Reply reply) {
        staged.get().add(reply);
    }

    @Override
    public void committed() {
        List<Reply> replies = staged.get();
        if (replies.isEmpty()) {
            return;
        }
        List<Reply> done = List.copyOf(replies);
        replies.clear();
        done.forEach(deliver);
    }

    @Override
    public void aborted() {
        staged.get().clear();
    }
}
