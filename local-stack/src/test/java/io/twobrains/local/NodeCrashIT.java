package io.twobrains.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.twobrains.door.NodeApplication;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A node killed with SIGKILL under write load, in a JVM of its own, while the stack's own node (the
 * one the writers talk to) runs here: requests for the users the killed node held are sent on to it
 * until the survivor takes its partitions over. Every other restart wipes the killed node's state
 * directory, so it restores from the changelog when its partitions come back.
 *
 * <p>Longer form: {@code -Dfaults.kills=10 -Dfaults.writesBetweenKills=300} (default 2 and 40).
 */
class NodeCrashIT {

    private static final int KILLS = Integer.getInteger("faults.kills", 2);
    private static final int WRITES_BETWEEN_KILLS = Integer.getInteger("faults.writesBetweenKills", 40);
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    private LocalStack stack;
    private ChildJvm node;
    private WriteLoad load;

    @AfterEach
    void stop() {
        if (load != null) {
            load.close();
        }
        if (node != null) {
            node.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void acknowledgedWritesSurviveKillsOfANodeExactlyOnceAndInOrder() throws IOException {
        LocalStackSettings settings = LocalStackSettings.freePorts(Stacks.tempDir("twobrains-node-crash"))
                // A killed member leaves the group when its session times out (45 s by default); a short
                // session only shortens the wait, it changes nothing the test checks.
                .with(Map.of("twobrains.processor.streams.[session.timeout.ms]", 6000,
                        "twobrains.processor.streams.[heartbeat.interval.ms]", 1500));
        stack = LocalStack.start(settings, false);
        int port = LocalStackSettings.freePort();
        node = ChildJvm.start("node-" + port, NodeApplication.class, stack.nodeArguments(port));
        load = WriteLoad.start(stack, usersOnEveryPartition("crash", settings.partitions(), 2));
        load.awaitMoreAcks(WRITES_BETWEEN_KILLS, PATIENCE);

        for (int kill = 1; kill <= KILLS; kill++) {
            node.kill();
            if (kill % 2 == 0) {
                deleteRecursively(settings.dataDir().resolve("streams-" + port));
            }
            load.awaitMoreAcks(WRITES_BETWEEN_KILLS / 2, PATIENCE);
            node.startAgain();
            load.awaitMoreAcks(WRITES_BETWEEN_KILLS, PATIENCE);
        }
        List<WriteLoad.Writer> writers = load.stop();

        AcknowledgedWrites.assertExactlyOnceInOrder(stack, writers);
        assertThat(load.refusals()).as("answers other than 201 or 503")
                .allMatch(refusal -> refusal.status() == 503, "are 503");
    }

    /** User ids spread so that each partition of the chat topics holds {@code each} of them. */
    static List<String> usersOnEveryPartition(String prefix, int partitions, int each) {
        List<String> users = new ArrayList<>();
        int[] count = new int[partitions];
        for (int i = 0; users.size() < partitions * each; i++) {
            String user = prefix + "-w" + i;
            int partition = Utils.toPositive(Utils.murmur2(user.getBytes(StandardCharsets.UTF_8))) % partitions;
            if (count[partition] < each) {
                count[partition]++;
                users.add(user);
            }
        }
        return users;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
