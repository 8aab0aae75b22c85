package io.twobrains.bench;

import reactor.core.publisher.Mono;

/**
 * One request of a path, by its number in the run (which also picks its user, {@code n % users}):
 * emits true when the answer is the one expected.
 */
@FunctionalInterface
interface Request {

    Mono<Boolean> send(long n);
}
