package io.twobrains.processor.kafka;

import io.twobrains.contract.event.EventEnvelope;
import io.twobrains.contract.reply.Reply;
import io.twobrains.processor.domain.QuotaPlans;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.streams.KafkaClientSupplier;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the live topology: started with the application, closed cleanly with it (a clean close
 * writes checkpoints, so the next start restores only the tail of each changelog).
 */
public class ChatStreams implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ChatStreams.class);

    private final KafkaStreams streams;
    private final Properties props;
    private final RestoreProgress restoreProgress = new RestoreProgress();
    private volatile boolean running;
    private final List<Runnable> whenRunning = new CopyOnWriteArrayList<>();

    /**
     * The live processor: its replies go to {@code replies}, and the events, in order, to {@code events},
     * once their transactions have committed.
     *
     * @param commitWhenCaughtUp whether a stream thread commits at once when nothing else waits for it
     *                           ({@link Backlog}), or only every commit interval
     */
    public static ChatStreams live(Duration commandRetention, QuotaPlans plans, Properties props,
            Consumer<Reply> replies, Consumer<EventEnvelope> events, Predicate<String> runnerAlive,
            boolean commitWhenCaughtUp) {
        CommittedOutbox outbox = new CommittedOutbox(replies, events);
        FetchedBacklog fetched = commitWhenCaughtUp ? new FetchedBacklog() : null;
        return new ChatStreams(ChatTopology.live(commandRetention, plans, outbox, runnerAlive,
                fetched == null ? Backlog.UNKNOWN : fetched), props, new ProcessorClients(outbox, fetched));
    }

    private ChatStreams(Topology topology, Properties props, KafkaClientSupplier clients) {
        this.streams = new KafkaStreams(topology, props, clients);
        this.props = props;
        streams.setStateListener((now, before) -> {
            log.info("processor {} -> {}", before, now);
            if (now == KafkaStreams.State.RUNNING) {
                whenRunning.forEach(Runnable::run);
            }
        });
        streams.setGlobalStateRestoreListener(restoreProgress);
        // A thread that dies on an unexpected error is replaced; its tasks restore from the changelogs.
        streams.setUncaughtExceptionHandler(error -> {
            log.error("stream thread failed, replacing it", error);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
    }

    public KafkaStreams streams() {
        return streams;
    }

    /** Runs {@code action} each time the processor is running again after partitions moved (and at start). */
    public void whenRunning(Runnable action) {
        whenRunning.add(action);
    }

    /** How far the stores are in restoring from their changelogs. */
    public RestoreProgress restoreProgress() {
        return restoreProgress;
    }

    @Override
    public void start() {
        StateLayout.requireCurrent(props);
        streams.start();
        running = true;
    }

    @Override
    public void stop() {
        streams.close(new KafkaStreams.CloseOptions().timeout(Duration.ofSeconds(30)));
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Start after the web server, so the interactive-query endpoint is up when partitions arrive. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
