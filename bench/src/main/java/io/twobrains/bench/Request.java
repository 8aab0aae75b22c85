package io.twobrains.bench;

import reactor.core.publisher.Mono;

/**
 * One request of a path, by its number (which picks its user, {@code n % users}): emits true when the
 * answer is the one expected. Numbers start from 0 again in every window and loop, so they do not
 * name anything that must be new (a fresh conversation counts its own).
 */
@FunctionalInterface
interface Request {

    Mono<Boolean> send(long n);
}
