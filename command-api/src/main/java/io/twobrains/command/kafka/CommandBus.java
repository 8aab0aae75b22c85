package io.twobrains.command.kafka;

import io.twobrains.contract.command.CommandEnvelope;
import io.twobrains.contract.reply.Reply;
import io.twobrains.messaging.CommandGateway;
import io.twobrains.messaging.UndecidedCommandException;
import io.twobrains.service.problem.ApiProblem;
import java.time.Duration;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The write side's way to the user's partition: the node's {@link CommandGateway}, with an outcome
 * that is not known yet (the broker away, the reply late, the partition moved) answered as 503 with
 * Retry-After. A retry with the same Idempotency-Key can never apply the command twice.
 */
@Component
public class CommandBus {

    private final CommandGateway gateway;

    CommandBus(CommandGateway gateway) {
        this.gateway = gateway;
    }

    public Mono<Reply> send(CommandEnvelope command) {
        return answer(gateway.send(command));
    }

    /** As {@link #send(CommandEnvelope)}, waiting up to {@code timeout} for the outcome. */
    public Mono<Reply> send(CommandEnvelope command, Duration timeout) {
        return answer(gateway.send(command, timeout));
    }

    private static Mono<Reply> answer(Mono<Reply> reply) {
        // The processor's stream thread completes the reply: the answer's work moves off it.
        return reply.publishOn(Schedulers.parallel())
                .onErrorMap(UndecidedCommandException.class, error -> ApiProblem.unavailable(error.getMessage()
                        + "; retry with the same Idempotency-Key", 1));
    }
}
