package io.twobrains.bench;

import io.twobrains.local.LocalStack;
import io.twobrains.local.LocalStackSettings;
import io.twobrains.processor.kafka.ChatStreams;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.LagInfo;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A node taking every partition over from one that stops, with a standby replica: the stack's node makes
 * way for node A, with {@code standby-replicas=1}, which restores the stores; node B joins, and keeps a
 * standby copy of each of A's partitions; once B has caught up, A stops (leaving the group) and B takes
 * every partition over. What a takeover without a standby costs is the restore timed before (a node with
 * no copy reads the whole changelog).
 */
final class Takeover {

    private Takeover() {
    }

    static Map<String, Object> run(LocalStack stack) {
        Map<String, Object> standby = Map.of("twobrains.processor.standby-replicas", 1);
        Map<String, Object> figures = new LinkedHashMap<>();
        stack.stopNode();
        long begin = System.nanoTime();
        ConfigurableApplicationContext a = stack.addNode(LocalStackSettings.freePort(), standby);
        ChatStreams first = a.getBean(ChatStreams.class);
        Recovery.awaitRestored(first);
        figures.put("firstNodeRestoreSeconds", Recovery.seconds(begin));
        int tasks = activeTasks(first.streams());

        begin = System.nanoTime();
        ConfigurableApplicationContext b = stack.addNode(LocalStackSettings.freePort(), standby);
        ChatStreams second = b.getBean(ChatStreams.class);
        awaitStandbysCaughtUp(second.streams(), tasks);
        figures.put("standbyCatchUpSeconds", Recovery.seconds(begin));
        figures.put("standbyActiveTasksBefore", activeTasks(second.streams()));
        long restoredBefore = second.restoreProgress().snapshot().total();

        // The second node is watched while the first closes: it may hold every partition before that close returns.
        long stopping = System.nanoTime();
        CompletableFuture<Long> tookOver = CompletableFuture.supplyAsync(() -> {
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (second.streams().state() != KafkaStreams.State.RUNNING || activeTasks(second.streams()) < tasks) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the second node did not take every partition over");
                }
                LocalStack.sleep(10);
            }
            return System.nanoTime();
        });
        a.close();
        figures.put("stopSeconds", Recovery.seconds(stopping));
        figures.put("takeoverSeconds", Figures.round((tookOver.join() - stopping) / 1e9));
        figures.put("takeoverRestoredRecords", second.restoreProgress().snapshot().total() - restoredBefore);
        figures.put("tasks", tasks);
        System.out.printf("  takeover with a standby: %s%n", figures);
        return figures;
    }

    private static int activeTasks(KafkaStreams streams) {
        return streams.metadataForLocalThreads().stream().mapToInt(thread -> thread.activeTasks().size()).sum();
    }

    /** Until the node keeps a copy of every task (active or standby) whose changelogs it has read to the end. */
    private static void awaitStandbysCaughtUp(KafkaStreams streams, int tasks) {
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (streams.state() == KafkaStreams.State.RUNNING) {
                int held = streams.metadataForLocalThreads().stream()
                        .mapToInt(thread -> thread.activeTasks().size() + thread.standbyTasks().size()).sum();
                long lag = 0;
                long behind = 0;
                for (Map<Integer, LagInfo> partitions : streams.allLocalStorePartitionLags().values()) {
                    for (LagInfo info : partitions.values()) {
                        lag += info.offsetLag();
                        behind += Math.max(0, info.endOffsetPosition());
                    }
                }
                Progress.bar("standby", Math.max(0, behind - lag), Math.max(behind, 1));
                // A transaction marker ends each changelog partition: a copy at its last record is caught up.
                if (held >= tasks && lag <= tasks) {
                    System.out.println();
                    return;
                }
            }
            LocalStack.sleep(200);
        }
        throw new IllegalStateException("the standby did not catch up");
    }
}
