package io.twobrains.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.twobrains.local.LocalStackSettings.Part;
import io.twobrains.processor.ProcessorApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The processor killed with SIGKILL under write load, in a JVM of its own while the rest of the
 * stack runs here. Every other restart wipes its state directory, so it restores from the changelog.
 *
 * <p>Longer form: {@code -Dfaults.kills=10 -Dfaults.writesBetweenKills=300} (default 2 and 40).
 */
class ProcessorCrashIT {

    private static final int KILLS = Integer.getInteger("faults.kills", 2);
    private static final int WRITES_BETWEEN_KILLS = Integer.getInteger("faults.writesBetweenKills", 40);
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    private LocalStack stack;
    private ChildJvm processor;
    private WriteLoad load;

    @AfterEach
    void stop() {
        if (load != null) {
            load.close();
        }
        if (processor != null) {
            processor.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void acknowledgedWritesSurviveKillsOfTheProcessorExactlyOnceAndInOrder() throws IOException {
        LocalStackSettings settings = LocalStackSettings.freePorts(Stacks.tempDir("twobrains-processor-crash"))
                .withExternal(Part.PROCESSOR)
                // A killed member leaves the group when its session times out (45 s by default); a short
                // session only shortens the wait, it changes nothing the test checks.
                .with(Map.of("twobrains.processor.streams.[session.timeout.ms]", 6000,
                        "twobrains.processor.streams.[heartbeat.interval.ms]", 1500));
        stack = LocalStack.start(settings, false);
        processor = ChildJvm.start("processor-" + settings.processorPort(), ProcessorApplication.class,
                stack.childArguments(Part.PROCESSOR));
        load = WriteLoad.start(stack, "crash", 4);
        load.awaitMoreAcks(WRITES_BETWEEN_KILLS, PATIENCE);

        for (int kill = 1; kill <= KILLS; kill++) {
            processor.kill();
            if (kill % 2 == 0) {
                deleteRecursively(settings.dataDir().resolve("streams"));
            }
            processor.startAgain();
            load.awaitMoreAcks(WRITES_BETWEEN_KILLS, PATIENCE);
        }
        List<WriteLoad.Writer> writers = load.stop();

        AcknowledgedWrites.assertExactlyOnceInOrder(stack, writers);
        assertThat(load.refusals()).as("answers other than 201 or 503")
                .allMatch(refusal -> refusal.status() == 503, "are 503");
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
