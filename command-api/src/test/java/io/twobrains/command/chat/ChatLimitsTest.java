package io.twobrains.command.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twobrains.service.problem.ApiProblem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ChatLimitsTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-27T10:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final ChatLimits limits = new ChatLimits(new ChatProperties(2, 3,
            Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMinutes(1), 1000, Duration.ZERO, 10, Map.of()), clock);

    @Test
    void requestsAreLimitedPerSlidingMinuteAndPerUser() {
        for (int i = 0; i < 3; i++) {
            limits.admitRequest("ann");
            now.set(now.get().plusSeconds(10));
        }
        assertThatThrownBy(() -> limits.admitRequest("ann")).isInstanceOfSatisfying(ApiProblem.class, problem -> {
            assertThat(problem.getStatusCode().value()).isEqualTo(429);
            assertThat(problem.getHeaders().getFirst("Retry-After")).isEqualTo("30");
        });
        limits.admitRequest("bob");
        now.set(now.get().plusSeconds(31));
        limits.admitRequest("ann");
    }

    @Test
    void runningGenerationsAreLimitedAndReleased() {
        limits.acquire("ann");
        limits.acquire("ann");
        assertThatThrownBy(() -> limits.acquire("ann")).isInstanceOf(ApiProblem.class);
        limits.acquire("bob");
        limits.release("ann");
        limits.acquire("ann");
    }
}
