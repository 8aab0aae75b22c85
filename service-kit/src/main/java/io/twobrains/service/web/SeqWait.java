package io.twobrains.service.web;

import io.twobrains.service.problem.ApiProblem;
import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * Read-your-writes: a read that names a seq ({@code X-Chat-Min-Seq}) waits until its source has
 * applied it, polling with a growing pause; past {@code maxWait} it is a 503 with Retry-After.
 */
public final class SeqWait {

    private static final Duration FIRST_POLL = Duration.ofMillis(2);
    private static final Duration MAX_POLL = Duration.ofMillis(25);

    private SeqWait() {
    }

    /** Emits the applied seq once it is at least {@code minSeq}; {@code currentSeq} is read again on each poll. */
    public static Mono<Long> until(Mono<Long> currentSeq, long minSeq, Duration maxWait) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        return poll(currentSeq, minSeq, deadline, FIRST_POLL);
    }

    private static Mono<Long> poll(Mono<Long> currentSeq, long minSeq, long deadline, Duration delay) {
        return currentSeq.flatMap(seq -> {
            if (seq >= minSeq) {
                return Mono.just(seq);
            }
            if (System.nanoTime() > deadline) {
                return Mono.error(ApiProblem.unavailable("seq " + minSeq + " is not applied yet (at " + seq + ")", 1));
            }
            Duration next = delay.multipliedBy(2).compareTo(MAX_POLL) > 0 ? MAX_POLL : delay.multipliedBy(2);
            return Mono.delay(delay).then(poll(currentSeq, minSeq, deadline, next));
        });
    }
}
