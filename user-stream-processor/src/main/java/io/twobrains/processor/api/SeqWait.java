package io.twobrains.processor.api;

import io.twobrains.service.problem.ApiProblem;
import java.time.Duration;
import java.util.function.LongSupplier;
import reactor.core.publisher.Mono;

/**
 * Read-your-writes: a read that names a seq waits until the stores have applied it. The wait is
 * short in practice (the write was acknowledged only after its commit) and bounded by configuration.
 */
final class SeqWait {

    private static final Duration FIRST_POLL = Duration.ofMillis(2);
    private static final Duration MAX_POLL = Duration.ofMillis(25);

    private SeqWait() {
    }

    static Mono<Long> until(LongSupplier currentSeq, long minSeq, Duration maxWait) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        return poll(currentSeq, minSeq, deadline, FIRST_POLL);
    }

    private static Mono<Long> poll(LongSupplier currentSeq, long minSeq, long deadline, Duration delay) {
        return Mono.fromCallable(currentSeq::getAsLong).flatMap(seq -> {
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
