package io.twobrains.messaging;

import io.twobrains.contract.Topics;
import io.twobrains.contract.command.CommandEnvelope;
import io.twobrains.contract.json.CommandCodec;
import io.twobrains.contract.reply.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Sends a command to the user's partition and waits for its reply: the one way anything in twobrains
 * writes per-user data. The reply comes from whoever learns the outcome for sure ({@link PendingReplies}):
 * in a node, the processor once the transaction holding the command's events has committed; outside
 * one (tests, the bench), a reader of committed events. Nothing is answered before that; a send the
 * broker refuses, or a reply that does not come in time, is an {@link UndecidedCommandException}.
 */
public final class CommandGateway {

    /** Whether this process learns the outcomes of a user's commands itself (its processor holds the user). */
    public interface Locality {
        boolean holds(String userId);

        /** Everything is learned where it is: a client outside a node reading every committed event. */
        Locality EVERYWHERE = userId -> true;
    }

    private final Producer<String, byte[]> producer;
    private final PendingReplies pending;
    private final Duration timeout;
    private final Scheduler blocking;
    private final Locality locality;
    private final RemoteOutcomes remote;

    /** @param blocking where a send may block (on metadata, while the broker is away): never an event loop */
    public CommandGateway(Producer<String, byte[]> producer, PendingReplies pending, Duration timeout, Scheduler blocking) {
        this(producer, pending, timeout, blocking, Locality.EVERYWHERE, null);
    }

    /**
     * A node's gateway: a command for a user its processor does not hold (or no longer holds, see
     * {@link #rehome()}) learns its outcome from {@code remote}.
     */
    public CommandGateway(Producer<String, byte[]> producer, PendingReplies pending, Duration timeout, Scheduler blocking,
            Locality locality, RemoteOutcomes remote) {
        this.producer = producer;
        this.pending = pending;
        this.timeout = timeout;
        this.blocking = blocking;
        this.locality = locality;
        this.remote = remote;
    }

    /**
     * After partitions moved: every command still waiting for a user this node no longer holds learns
     * its outcome from the log instead (the processor that now decides it answers in its own process).
     */
    public void rehome() {
        if (remote == null) {
            return;
        }
        for (PendingReplies.Waiting waiting : pending.waiting()) {
            if (!locality.holds(waiting.userId())) {
                remote.watch(waiting.commandId(), waiting.userId(), waiting.sentAt());
            }
        }
    }

    public Mono<Reply> send(CommandEnvelope command) {
        return send(command, timeout);
    }

    /** As {@link #send(CommandEnvelope)}, waiting up to {@code patience} for the outcome. */
    public Mono<Reply> send(CommandEnvelope command, Duration patience) {
        return Mono.defer(() -> {
            CompletableFuture<Reply> reply = pending.register(command.commandId(), command.userId());
            boolean elsewhere = remote != null && !locality.holds(command.userId());
            if (elsewhere) {
                remote.watch(command.commandId(), command.userId(), Instant.now());
            }
            ProducerRecord<String, byte[]> record =
                    new ProducerRecord<>(Topics.COMMANDS, command.userId(), CommandCodec.toBytes(command));
            return Mono.fromCallable(() -> producer.send(record, (metadata, error) -> {
                        if (error != null) {
                            reply.completeExceptionally(error);
                        }
                    }))
                    .subscribeOn(blocking)
                    .then(Mono.fromFuture(reply, true))
                    .timeout(patience)
                    .onErrorMap(error -> !(error instanceof UndecidedCommandException), CommandGateway::undecided)
                    .doFinally(signal -> {
                        pending.forget(command.commandId(), reply);
                        if (remote != null && signal != reactor.core.publisher.SignalType.ON_COMPLETE) {
                            remote.forget(command.commandId());
                        }
                    });
        });
    }

    private static UndecidedCommandException undecided(Throwable error) {
        return new UndecidedCommandException(error instanceof TimeoutException
                ? "the outcome of this write is not known yet"
                : "the write could not be handed to the broker", error);
    }
}
