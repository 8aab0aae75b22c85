package io.twobrains.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.twobrains.local.LocalStackSettings.Part;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Kafka broker stopped under write load, in a JVM of its own while every service runs here: the
 * API answers 503 with Retry-After while it is away, loses no acknowledged write, and takes writes
 * again once it is back, with no service restarted. The broker is stopped with SIGTERM (a clean
 * shutdown, as in maintenance); {@code -Dfaults.brokerKill=true} uses SIGKILL, so it recovers its logs.
 *
 * <p>Longer form: {@code -Dfaults.outages=5 -Dfaults.outageSeconds=30} (default 1 and 10).
 */
class BrokerOutageIT {

    private static final int OUTAGES = Integer.getInteger("faults.outages", 1);
    private static final Duration OUTAGE = Duration.ofSeconds(Integer.getInteger("faults.outageSeconds", 10));
    private static final boolean KILL = Boolean.getBoolean("faults.brokerKill");
    private static final int WRITES_BETWEEN_OUTAGES = 30;
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    private ChildJvm broker;
    private LocalStack stack;
    private WriteLoad load;

    @AfterEach
    void stop() {
        if (load != null) {
            load.close();
        }
        if (stack != null) {
            stack.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void writesAnswer503WhileTheBrokerIsAwayAndNoAcknowledgedWriteIsLost() throws InterruptedException {
        LocalStackSettings settings = LocalStackSettings.freePorts(Stacks.tempDir("twobrains-broker-outage"))
                .withExternal(Part.KAFKA);
        broker = BrokerProcess.start(settings);
        stack = LocalStack.start(settings, false);
        load = WriteLoad.start(stack, "outage", 4);
        load.awaitMoreAcks(WRITES_BETWEEN_OUTAGES, PATIENCE);

        for (int outage = 1; outage <= OUTAGES; outage++) {
            if (KILL) {
                broker.kill();
            } else {
                broker.stop();
            }
            Thread.sleep(OUTAGE.toMillis()); // the outage itself, not a wait for something to happen
            BrokerProcess.restart(broker, settings);
            load.awaitMoreAcks(WRITES_BETWEEN_OUTAGES, PATIENCE);
        }
        List<WriteLoad.Writer> writers = load.stop();

        AcknowledgedWrites.assertExactlyOnceInOrder(stack, writers);
        List<WriteLoad.Refusal> refusals = load.refusals();
        System.out.printf("%d answers other than 201 during %d outages%n", refusals.size(), OUTAGES);
        assertThat(refusals).as("writes refused while the broker was away").isNotEmpty();
        assertThat(refusals).as("every refusal").allSatisfy(refusal -> {
            assertThat(refusal.status()).as("status of %s", refusal).isEqualTo(503);
            assertThat(refusal.retryAfter()).as("Retry-After of %s", refusal).isNotBlank();
            assertThat(refusal.contentType()).as("type of %s", refusal).startsWith("application/problem+json");
        });
    }
}
