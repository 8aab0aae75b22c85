package io.twobrains.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.twobrains.contract.event.EventEnvelope;
import io.twobrains.testkit.ApiClient.Response;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Which of a fuzz user's writes could have written anything. Every write carries an
 * {@code Idempotency-Key}, so its command id is known (the API derives it from user and key): a write
 * refused before the processor (a 4xx without {@code X-Chat-Seq}) must have no event in
 * {@code chat.events} with that id.
 */
final class WriteLedger {

    private final String user;
    private final int eventsBefore;
    private final Set<UUID> reachedProcessor = new HashSet<>();
    private final Set<UUID> refused = new HashSet<>();
    private final Map<Integer, Integer> statuses = new TreeMap<>();
    private final AtomicInteger keys = new AtomicInteger();

    WriteLedger(String user, int eventsBefore) {
        this.user = user;
        this.eventsBefore = eventsBefore;
    }

    String freshKey() {
        return "fz-" + keys.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Records one answer; a write's key (or null for reads and keys the API cannot have used). */
    void record(String idempotencyKey, Response answer) {
        statuses.merge(answer.status(), 1, Integer::sum);
        if (idempotencyKey == null) {
            return;
        }
        UUID commandId = UUID.nameUUIDFromBytes((user + "\n" + idempotencyKey).getBytes(StandardCharsets.UTF_8));
        boolean reached = answer.header("X-Chat-Seq") != null || answer.status() < 300;
        (reached ? reachedProcessor : refused).add(commandId);
    }

    /** No event of the user was caused by a refused write. */
    void assertRefusedWritesWroteNothing(List<EventEnvelope> events) {
        Set<UUID> onlyRefused = new HashSet<>(refused);
        onlyRefused.removeAll(reachedProcessor);
        assertThat(events).as("events of writes that were refused").noneMatch(e -> onlyRefused.contains(e.commandId()));
    }

    /** Nothing at all was written since the ledger began. */
    void assertNothingWritten(List<EventEnvelope> events) {
        assertThat(events).as("the fuzz user's events").hasSize(eventsBefore);
    }

    String summary() {
        return "answers by status " + statuses + ", writes reaching the processor " + reachedProcessor.size()
                + ", refused before it " + refused.size();
    }
}
