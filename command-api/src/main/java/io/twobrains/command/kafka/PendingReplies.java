package io.twobrains.command.kafka;

import io.twobrains.contract.reply.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Writes waiting for their outcome, by command id; concurrent retries of one command all get its reply. */
final class PendingReplies {

    private final ConcurrentMap<UUID, List<CompletableFuture<Reply>>> waiting = new ConcurrentHashMap<>();

    CompletableFuture<Reply> register(UUID commandId) {
        CompletableFuture<Reply> future = new CompletableFuture<>();
        waiting.compute(commandId, (id, futures) -> {
            List<CompletableFuture<Reply>> next = futures == null ? new ArrayList<>(1) : futures;
            next.add(future);
            return next;
        });
        return future;
    }

    void complete(Reply reply) {
        List<CompletableFuture<Reply>> futures = waiting.remove(reply.commandId());
        if (futures != null) {
            futures.forEach(future -> future.complete(reply));
        }
    }

    void forget(UUID commandId, CompletableFuture<Reply> future) {
        waiting.computeIfPresent(commandId, (id, futures) -> {
            futures.remove(future);
            return futures.isEmpty() ? null : futures;
        });
    }
}
