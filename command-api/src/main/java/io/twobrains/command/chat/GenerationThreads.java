package io.twobrains.command.chat;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Threads for work that blocks for as long as a generation runs: the stream of an SDK that reads
 * its answer on the calling thread (Google's), and a follower reading a generation's deltas from
 * Kafka. On Reactor's shared elastic pool (ten threads per core) twenty such generations would take
 * every thread, and every short blocking call behind them (sending a command) would wait for a
 * generation to end. Here they have a pool of their own, sized by
 * {@code twobrains.chat.generation-threads}; its threads start on demand and end after a minute idle.
 */
@Component
class GenerationThreads implements DisposableBean {

    private static final int IDLE_SECONDS = 60;

    private final Scheduler scheduler;

    GenerationThreads(ChatProperties properties) {
        this.scheduler = Schedulers.newBoundedElastic(properties.generationThreads(), Integer.MAX_VALUE, "generation",
                IDLE_SECONDS, true);
    }

    Scheduler scheduler() {
        return scheduler;
    }

    @Override
    public void destroy() {
        scheduler.dispose();
    }
}
