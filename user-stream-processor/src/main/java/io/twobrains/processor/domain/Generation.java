package io.twobrains.processor.domain;

import java.time.Instant;

/** A completion that has started and not yet ended. */
public record Generation(String id, String conversationId, String model, String provider, boolean byok,
        Instant startedAt) {
}
