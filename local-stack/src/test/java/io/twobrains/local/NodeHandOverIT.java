package io.twobrains.local;

import static io.twobrains.local.ConversationApiIT.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.twobrains.processor.kafka.ChatStreams;
import io.twobrains.processor.store.Tables;
import io.twobrains.testkit.ApiClient;
import io.twobrains.testkit.ApiClient.Response;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.LagInfo;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A node that stops hands its users to the other nodes at once, not after the group's session timeout;
 * and the node that keeps a standby copy of a partition takes it over without reading its changelog again.
 * The users keep every message and can write on.
 */
class NodeHandOverIT {

    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(60);
    private static final int MESSAGES = 10;

    @Test
    void aStoppingNodesUsersMoveAtOnceToTheNodeThatKeptTheirStandbyCopy() throws Exception {
        try (LocalStack stack = LocalStack.start(LocalStackSettings.freePorts(Stacks.tempDir("twobrains-handover"))
                .with(Map.of("twobrains.processor.standby-replicas", 1,
                        "twobrains.processor.session-timeout", SESSION_TIMEOUT.toSeconds() + "s")), false)) {
            handOver(stack);
        }
    }

    private static void handOver(LocalStack stack) throws InterruptedException {
        Map<String, Long> seqs = new LinkedHashMap<>();
        for (int u = 0; u < 12; u++) {
            ApiClient api = Stacks.client(stack, "handover-" + u);
            long seq = api.post("/api/conversations", Map.of("id", "c1", "title", "user " + u)).seq();
            for (int m = 0; m < MESSAGES; m++) {
                seq = api.post("/api/conversations/c1/messages", message("m" + m, "user", "message " + m)).seq();
            }
            seqs.put("handover-" + u, seq);
        }

        int secondPort = LocalStackSettings.freePort();
        ConfigurableApplicationContext second = stack.addNode(secondPort);
        ChatStreams secondChat = second.getBean(ChatStreams.class);
        KafkaStreams secondStreams = secondChat.streams();
        KafkaStreams firstStreams = stack.nodeStreams().streams();
        Set<TaskId> firstTasks = awaitStandbyCopies(firstStreams, secondStreams);
        assertThat(firstTasks).as("the first node keeps some partitions").isNotEmpty();
        Set<TaskId> tasks = new java.util.HashSet<>(firstTasks);
        tasks.addAll(active(secondStreams));

        int firstInternal = stack.settings().internalPort();
        Set<String> moving = seqs.keySet().stream()
                .filter(user -> secondStreams.queryMetadataForKey(Tables.STORE, user, Serdes.String().serializer())
                        .activeHost().port() == firstInternal)
                .collect(Collectors.toSet());
        assertThat(moving).as("some users live on the first node").isNotEmpty();
        long restoredBefore = secondChat.restoreProgress().snapshot().total();

        stack.stopNode();
        long deadline = System.nanoTime() + SESSION_TIMEOUT.dividedBy(2).toNanos();
        while (secondStreams.state() != KafkaStreams.State.RUNNING || !active(secondStreams).containsAll(tasks)) {
            assertThat(System.nanoTime()).as("the second node (%s, active %s) takes every partition (%s) over before "
                    + "the session timeout would have given it them", secondStreams.state(), active(secondStreams), tasks)
                    .isLessThan(deadline);
            Thread.sleep(50);
        }

        long restored = secondChat.restoreProgress().snapshot().total() - restoredBefore;
        long written = (long) moving.size() * (MESSAGES + 1);
        assertThat(restored).as("records read from the changelogs to take over the partitions of %d users who wrote "
                + "%d commands: the standby copy had them", moving.size(), written).isLessThan(written / 2);

        URI secondDoor = URI.create("http://localhost:" + secondPort);
        for (String user : moving) {
            ApiClient api = new ApiClient(secondDoor, Stacks.devToken(stack, user));
            Response page = api.withHeader("X-Chat-Min-Seq", Long.toString(seqs.get(user)))
                    .get("/api/conversations/c1/messages?limit=50");
            assertThat(page.status()).as(user + " reads after the hand-over").isEqualTo(200);
            assertThat(page.json().get("items").findValuesAsString("id")).as(user).hasSize(MESSAGES).contains("m0", "m9");
            Response written2 = api.post("/api/conversations/c1/messages", message("after", "user", "still here"));
            assertThat(written2.status()).as(user + " writes after the hand-over").isEqualTo(201);
            assertThat(written2.seq()).isEqualTo(seqs.get(user) + 1);
        }
    }

    /**
     * Until both nodes run, the second holds a standby copy of each of the first's active tasks, and every
     * copy it holds has read its changelogs to the end (a transaction marker may stay unread); returns the
     * first node's active tasks.
     */
    private static Set<TaskId> awaitStandbyCopies(KafkaStreams first, KafkaStreams second) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            if (first.state() == KafkaStreams.State.RUNNING && second.state() == KafkaStreams.State.RUNNING) {
                Set<TaskId> firstActive = active(first);
                Set<TaskId> standbys = second.metadataForLocalThreads().stream()
                        .flatMap(thread -> thread.standbyTasks().stream()).map(task -> task.taskId())
                        .collect(Collectors.toSet());
                boolean caughtUp = second.allLocalStorePartitionLags().values().stream()
                        .flatMap(partitions -> partitions.values().stream())
                        .mapToLong(LagInfo::offsetLag).allMatch(lag -> lag <= 1);
                if (!firstActive.isEmpty() && !active(second).isEmpty() && standbys.containsAll(firstActive)
                        && caughtUp) {
                    return firstActive;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the second node did not keep caught-up standby copies of the first's partitions");
    }

    private static Set<TaskId> active(KafkaStreams streams) {
        return streams.metadataForLocalThreads().stream().map(ThreadMetadata::activeTasks)
                .flatMap(Set::stream).map(task -> task.taskId()).collect(Collectors.toSet());
    }
}
