package io.twobrains.command.chat;

import io.twobrains.command.kafka.DeadLetterWriter;
import io.twobrains.contract.Topics;
import io.twobrains.contract.json.MalformedRecordException;
import io.twobrains.messaging.KafkaClients;
import io.twobrains.messaging.TopicTail;
import io.twobrains.processor.lease.NodeIdentity;
import io.twobrains.processor.lease.NodeLiveness;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
 * Signals between nodes on {@code chat.control}, which every node reads from its end. A stop for a
 * reply that runs on another node (one that outlived its user's move) stops it there. Every node says
 * it lives a few times per lease ({@link NodeLiveness}): the processor ends the generations of a node
 * not heard from for a lease as failed, so a killed node does not lock its users' conversations.
 * Signals are small and few. A record that is not a signal goes to {@code chat.dlq} (every node that
 * reads it sends it), and the reading goes on.
 */
@Component
class ControlSignals implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(ControlSignals.class);

    private final KafkaClients clients;
    private final Generations generations;
    private final DeadLetterWriter deadLetters;
    private final Producer<String, byte[]> producer;
    private final NodeIdentity self;
    private final NodeLiveness liveness;
    private volatile TopicTail tail;
    private volatile ScheduledExecutorService heartbeat;
    private final ControlSignal.Visitor<Void> acting = new Acting();

    ControlSignals(KafkaClients clients, Producer<String, byte[]> nodeProducer, Generations generations,
            DeadLetterWriter deadLetters, NodeIdentity self, NodeLiveness liveness) {
        this.clients = clients;
        this.producer = nodeProducer;
        this.generations = generations;
        this.deadLetters = deadLetters;
        this.self = self;
        this.liveness = liveness;
    }

    /** Asks whichever node runs the generation to stop it. */
    Mono<Void> requestStop(String userId, String conversationId, String generationId) {
        return send(new ControlSignal.Stop(userId, conversationId, generationId));
    }

    private Mono<Void> send(ControlSignal signal) {
        return Mono.fromFuture(() -> {
                    CompletableFuture<Void> sent = new CompletableFuture<>();
                    producer.send(new ProducerRecord<>(Topics.CONTROL, signal.key(), signal.toBytes()), (metadata, error) -> {
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
                "chat-control");
        heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "chat-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        long every = Math.max(1, liveness.lease().toMillis() / 3);
        heartbeat.scheduleWithFixedDelay(() -> {
            send(new ControlSignal.Alive(self.instance())).subscribe(null,
                    error -> LOG.debug("a heartbeat was not written: {}", error.toString()));
            liveness.forgetLongGone();
        }, 0, every, TimeUnit.MILLISECONDS);
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        ControlSignal signal;
        try {
            signal = ControlSignal.parse(record.value());
        } catch (MalformedRecordException e) {
            deadLetters.refuse(record, "unreadable control record", e);
            return;
        }
        try {
            signal.accept(acting);
        } catch (RuntimeException e) {
            // A signal that cannot be acted on must not end the reading of every later one.
            LOG.warn("a control signal could not be acted on: {}", e.toString());
        }
    }

    @Override
    public void stop() {
        ScheduledExecutorService beating = heartbeat;
        if (beating != null) {
            beating.shutdownNow();
        }
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

    /** What this node does on each signal. */
    private final class Acting implements ControlSignal.Visitor<Void> {

        @Override
        public Void visit(ControlSignal.Stop stop) {
            generations.find(stop.userId(), stop.conversationId())
                    .filter(run -> run.identity().generationId().equals(stop.generationId()))
                    .ifPresent(GenerationRun::stop);
            return null;
        }

        @Override
        public Void visit(ControlSignal.Alive alive) {
            liveness.heard(alive.instance());
            return null;
        }
    }
}
