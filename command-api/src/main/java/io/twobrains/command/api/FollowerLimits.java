package io.twobrains.command.api;

import io.twobrains.command.chat.FollowerProperties;
import io.twobrains.service.problem.ApiProblem;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Caps the followers of replies one user has open at once. Every follow of a user's reply arrives
 * at the node that holds the user, so this node's count is the user's count. A follower holds its
 * slot until its stream ends, however it ends.
 */
@Component
class FollowerLimits {

    private final FollowerProperties properties;
    private final Map<String, Integer> open = new ConcurrentHashMap<>();

    FollowerLimits(FollowerProperties properties) {
        this.properties = properties;
    }

    /** Takes a slot for one follower of the user, or refuses with 429; the slot must be released once. */
    Slot take(String userId) {
        boolean[] taken = {false};
        open.compute(userId, (id, count) -> {
            int current = count == null ? 0 : count;
            if (current >= properties.maxFollowersPerUser()) {
                return count;
            }
            taken[0] = true;
            return current + 1;
        });
        if (!taken[0]) {
            ApiProblem problem = new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, "at most "
                    + properties.maxFollowersPerUser() + " replies may be followed at once per user;"
                    + " close a tab or stream that follows one and try again", Map.of("limitType", "followers"));
            problem.getHeaders().set(HttpHeaders.RETRY_AFTER, "2");
            throw problem;
        }
        return new Slot(userId);
    }

    int open(String userId) {
        return open.getOrDefault(userId, 0);
    }

    /** One follower's place; releasing it twice releases it once. */
    final class Slot {

        private final String userId;
        private final AtomicBoolean released = new AtomicBoolean();

        private Slot(String userId) {
            this.userId = userId;
        }

        void release() {
            if (released.compareAndSet(false, true)) {
                open.computeIfPresent(userId, (id, count) -> count <= 1 ? null : count - 1);
            }
        }
    }
}
