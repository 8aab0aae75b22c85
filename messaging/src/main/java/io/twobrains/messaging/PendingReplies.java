package io.twobrains.messaging;

import io.twobrains.contract.reply.Reply;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * Commands waiting for their reply, by command id. Concurrent retries of one command all get its
 * reply. Whoever learns a command's outcome for sure (the processor once its transaction has
 * committed, or a reader of committed events) completes it here.
 */
public final class PendingReplies {

    private record Waiter(String userId, Instant sentAt, CompletableFuture<Reply> reply) {
    }

    /** A command still waiting: whose it is, and when it was sent. */
    public record Waiting(UUID commandId, String userId, Instant sentAt) {
    }

    private final ConcurrentMap<UUID, List<Waiter>> waiting = new ConcurrentHashMap<>();

    public CompletableFuture<Reply> register(UUID commandId, String userId) {
        CompletableFuture<Reply> future = new CompletableFuture<>();
        waiting.compute(commandId, (id, waiters) -> {
            List<Waiter> next = waiters == null ? new CopyOnWriteArrayList<>() : waiters;
            next.add(new Waiter(userId, Instant.now(), future));
            return next;
        });
        return future;
    }

    public void complete(Reply reply) {
        List<Waiter> waiters = waiting.remove(reply.commandId());
        if (waiters != null) {
            waiters.forEach(waiter -> waiter.reply().complete(reply));
        }
    }

    /** Ends the wait of every command of the users that {@code users} selects with {@code error}. */
    public void failUsers(Predicate<String> users, Throwable error) {
        waiting.forEach((id, waiters) -> waiters.stream().filter(waiter -> users.test(waiter.userId()))
                .forEach(waiter -> waiter.reply().completeExceptionally(error)));
    }

    public void forget(UUID commandId, CompletableFuture<Reply> future) {
        waiting.computeIfPresent(commandId, (id, waiters) -> {
            waiters.removeIf(waiter -> waiter.reply() == future);
            return waiters.isEmpty() ? null : waiters;
        });
    }

    /** The commands waiting now. */
    public List<Waiting> waiting() {
        List<Waiting> all = new ArrayList<>();
        waiting.forEach((id, waiters) -> waiters.stream().findFirst()
                .ifPresent(first -> all.add(new Waiting(id, first.userId(), first.sentAt()))));
        return all;
    }

    public int size() {
        return waiting.size();
    }
}
