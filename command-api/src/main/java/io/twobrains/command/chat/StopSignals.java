package io.twobrains.command.chat;

import io.twobrains.command.kafka.DeadLetterWriter;
import io.twobrains.contract.Topics;
import io.twobrains.contract.json.MalformedRecordException;
import io.twobrains.messaging.KafkaClients;
import io.twobrains.messaging.TopicTail;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Stops replies across nodes: a stop for a reply that runs on another node (one that outlived its
 * user's move) is written to {@code chat.control}, which every node reads from its end, and the node
 * running the reply stops it. Signals are small and rare, so reading all of them is cheap. A record
 * that is not a signal goes to {@code chat.dlq} (every node that reads it sends it), and the reading
 * goes on.
 */
@Component
class StopSignals implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(StopSignals.class);

    private final KafkaClients clients;
    private final Generations generations;
    private final DeadLetterWriter deadLetters;
    private final Producer<String, byte[]> producer;
    private volatile TopicTail tail;

    StopSignals(KafkaClients clients, Producer<String, byte[]> nodeProducer, Generations generations,
            DeadLetterWriter deadLetters) {
        this.clients = clients;
        this.producer = nodeProducer;
        this.generations = generations;
        this.deadLetters = deadLetters;
    }

    /** Asks whichever node runs the generation to stop it. */
    Mono<Void> requestStop(String userId, String conversationId, String generationId) {
        byte[] signal = new StopSignal(userId, conversationId, generationId).toBytes();
        return Mono.fromFuture(() -> {
                    CompletableFuture<Void> sent = new CompletableFuture<>();
                    producer.send(new ProducerRecord<>(Topics.CONTROL, userId, signal), (metadata, error) -> {
                        if (error == null) {
                            sent.complete(null);
                        } else {
                            sent.completeExceptionally(error);
                        }
                    });
                    return sent;
                })
                .subscribeOn(Schedulers.boundedElastic());
    }

    @Override
    public void start() {
        tail = TopicTail.start(clients, Topics.CONTROL, null, new TopicTail.Start.AtEnd(), false, this::handle,
                "chat-stop-signals");
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        StopSignal signal;
        try {
            signal = StopSignal.parse(record.value());
        } catch (MalformedRecordException e) {
            deadLetters.refuse(record, "unreadable control record", e);
            return;
        }
        try {
            generations.find(signal.userId(), signal.conversationId())
                    .filter(run -> run.identity().generationId().equals(signal.generationId()))
                    .ifPresent(GenerationRun::stop);
        } catch (RuntimeException e) {
            // A signal that cannot be acted on must not end the reading of every later one.
            LOG.warn("a stop signal could not be acted on: {}", e.toString());
        }
    }

    @Override
    public void stop() {
        TopicTail running = tail;
        if (running != null) {
            running.close();
        }
        tail = null;
    }

    @Override
    public boolean isRunning() {
        return tail != null;
    }
}
