package io.twobrains.testkit;

import io.twobrains.contract.command.Command;
import io.twobrains.contract.command.CommandEnvelope;
import io.twobrains.contract.reply.Reply;
import io.twobrains.messaging.CommandGateway;
import io.twobrains.messaging.EventOutcomes;
import io.twobrains.messaging.KafkaClients;
import io.twobrains.messaging.PendingReplies;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Sends commands straight to {@code chat.commands} through the same {@link CommandGateway} a node
 * uses, and learns their outcomes from committed events ({@link EventOutcomes}): the processor path
 * without HTTP, for tests and benchmarks. A reply carries the user's seq and, for a refusal, its code;
 * the views a node's in-process reply carries are not in the events.
 */
public final class CommandClient implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final EventOutcomes outcomes;
    private final CommandGateway gateway;

    public CommandClient(String bootstrap) {
        KafkaClients clients = KafkaClients.bootstrap(bootstrap);
        PendingReplies pending = new PendingReplies();
        producer = clients.producer(Duration.ofSeconds(30));
        outcomes = EventOutcomes.start(clients, pending);
        gateway = new CommandGateway(producer, pending, Duration.ofSeconds(60), Schedulers.boundedElastic());
    }

    public Mono<Reply> send(String userId, Command command) {
        return Mono.defer(() -> gateway.send(new CommandEnvelope(UUID.randomUUID(), userId, Instant.now(), command, null)));
    }

    @Override
    public void close() {
        outcomes.close();
        producer.close();
    }
}
