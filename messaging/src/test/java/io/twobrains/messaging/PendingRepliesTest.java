package io.twobrains.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.twobrains.contract.reply.Reply;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class PendingRepliesTest {

    private final PendingReplies pending = new PendingReplies();

    @Test
    void everyWaiterOfACommandGetsItsReplyOnce() {
        UUID command = UUID.randomUUID();
        CompletableFuture<Reply> first = pending.register(command, "alice");
        CompletableFuture<Reply> retry = pending.register(command, "alice");
        Reply reply = Reply.accepted(command, "alice", 3, null, null, null, null);

        pending.complete(reply);

        assertThat(first).isCompletedWithValue(reply);
        assertThat(retry).isCompletedWithValue(reply);
        assertThat(pending.size()).isZero();
    }

    @Test
    void theWaitersOfUsersWhoseDataMovedAreToldAndNoOthers() {
        CompletableFuture<Reply> moved = pending.register(UUID.randomUUID(), "alice");
        CompletableFuture<Reply> stays = pending.register(UUID.randomUUID(), "bob");

        pending.failUsers("alice"::equals, new UndecidedCommandException("moved"));

        assertThat(moved).isCompletedExceptionally();
        assertThat(stays).isNotDone();
    }

    @Test
    void aForgottenWaiterIsNotCompleted() {
        UUID command = UUID.randomUUID();
        CompletableFuture<Reply> gone = pending.register(command, "alice");

        pending.forget(command, gone);
        pending.complete(Reply.accepted(command, "alice", 1, null, null, null, null));

        assertThat(gone).isNotDone();
        assertThat(pending.size()).isZero();
    }
}
