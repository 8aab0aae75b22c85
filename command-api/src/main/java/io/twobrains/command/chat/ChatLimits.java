package io.twobrains.command.chat;

import io.twobrains.service.problem.ApiProblem;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Per-user rate limits of this instance: requests in a sliding minute, and generations running at
 * once. Beyond either, 429 with Retry-After. (The quota, which is exact, is the processor's.)
 */
@Component
class ChatLimits {

    private static final long MINUTE = 60_000;
    private static final int FORGET_ABOVE = 10_000;

    private final ChatProperties properties;
    private final Clock clock;
    private final Map<String, Deque<Long>> requests = new ConcurrentHashMap<>();
    private final Map<String, Integer> running = new ConcurrentHashMap<>();

    ChatLimits(ChatProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    /** Counts a request, or refuses it if the user made too many in the last minute. */
    void admitRequest(String userId) {
        long now = clock.millis();
        if (requests.size() > FORGET_ABOVE) {
            // Users idle for a minute hold no timestamps that still count: forget them.
            requests.values().removeIf(times -> {
                synchronized (times) {
                    return times.isEmpty() || times.peekLast() <= now - MINUTE;
                }
            });
        }
        Deque<Long> times = requests.computeIfAbsent(userId, id -> new ArrayDeque<>());
        synchronized (times) {
            while (!times.isEmpty() && times.peekFirst() <= now - MINUTE) {
                times.pollFirst();
            }
            if (times.size() >= properties.requestsPerMinute()) {
                long retryAfter = Math.max(1, (times.peekFirst() + MINUTE - now + 999) / 1000);
                throw tooMany("at most " + properties.requestsPerMinute() + " chat requests a minute", retryAfter);
            }
            times.addLast(now);
        }
    }

    /** Takes a running slot, or refuses; the caller must {@link #release} it exactly once. */
    void acquire(String userId) {
        boolean[] admitted = {false};
        running.compute(userId, (id, count) -> {
            int current = count == null ? 0 : count;
            if (current >= properties.maxConcurrentPerUser()) {
                return count;
            }
            admitted[0] = true;
            return current + 1;
        });
        if (!admitted[0]) {
            throw tooMany("at most " + properties.maxConcurrentPerUser() + " replies may run at once", 2);
        }
    }

    void release(String userId) {
        running.computeIfPresent(userId, (id, count) -> count <= 1 ? null : count - 1);
    }

    private static ApiProblem tooMany(String detail, long retryAfterSeconds) {
        ApiProblem problem = new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, detail, Map.of("limitType", "rate"));
        problem.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        return problem;
    }
}
