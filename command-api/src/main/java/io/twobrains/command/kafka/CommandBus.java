package io.twobrains.command.kafka;

import io.twobrains.command.CommandApiProperties;
import io.twobrains.contract.Topics;
import io.twobrains.contract.command.CommandEnvelope;
import io.twobrains.contract.json.CommandCodec;
import io.twobrains.contract.reply.Reply;
import io.twobrains.service.problem.ApiProblem;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Sends a command to the user's partition and waits for the processor's reply. Nothing is answered
 * as saved before the reply says so; if the broker or the processor is away, the answer is 503 with
 * Retry-After, and a retry with the same Idempotency-Key can never apply the command twice.
 */
public class CommandBus {

    private final Producer<String, byte[]> producer;
    private final PendingReplies pending;
    private final CommandApiProperties properties;

    CommandBus(Producer<String, byte[]> producer, PendingReplies pending, CommandApiProperties properties) {
        this.producer = producer;
        this.pending = pending;
        this.properties = properties;
    }

    public Mono<Reply> send(CommandEnvelope command) {
        return send(command, properties.replyTimeout());
    }

    /** As {@link #send(CommandEnvelope)}, waiting up to {@code timeout} for the outcome. */
    public Mono<Reply> send(CommandEnvelope command, java.time.Duration timeout) {
        return Mono.defer(() -> {
            CompletableFuture<Reply> reply = pending.register(command.commandId());
            ProducerRecord<String, byte[]> record =
                    new ProducerRecord<>(Topics.COMMANDS, command.userId(), CommandCodec.toBytes(command));
            // send() can block on metadata while the broker is away, so it never runs on an event loop.
            return Mono.fromCallable(() -> producer.send(record, (metadata, error) -> {
                        if (error != null) {
                            reply.completeExceptionally(error);
                        }
                    }))
                    .subscribeOn(Schedulers.boundedElastic())
                    .then(Mono.fromFuture(reply, true))
                    .timeout(timeout)
                    // The reply listener completes the future: move the answer's work off its one thread.
                    .publishOn(Schedulers.parallel())
                    .onErrorMap(error -> !(error instanceof ApiProblem), CommandBus::unavailable)
                    .doFinally(signal -> pending.forget(command.commandId(), reply));
        });
    }

    private static ApiProblem unavailable(Throwable error) {
        String detail = error instanceof TimeoutException
                ? "the outcome of this write is not known yet; retry with the same Idempotency-Key"
                : "the write could not be handed to the broker; retry with the same Idempotency-Key";
        return ApiProblem.unavailable(detail, 1);
    }
}
