package io.twobrains.command.chat;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Threads for work that blocks for as long as a reply runs: the stream of an SDK that reads its
 * answer on the calling thread (Google's), and a follower reading a reply's deltas from Kafka. On
 * Reactor's shared elastic pool (ten threads per core) twenty such replies would take every thread,
 * and every short blocking call behind them (sending a command) would wait for a reply to end. Here
 * they have a pool of their own, sized by {@code twobrains.chat.reply-threads}; its threads start on
 * demand and end after a minute idle.
 */
@Component
class ReplyThreads implements DisposableBean {

    private static final int IDLE_SECONDS = 60;

    private final Scheduler scheduler;

    ReplyThreads(ChatProperties properties) {
        this.scheduler = Schedulers.newBoundedElastic(properties.replyThreads(), Integer.MAX_VALUE, "reply",
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
