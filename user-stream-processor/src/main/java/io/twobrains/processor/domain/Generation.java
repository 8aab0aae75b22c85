package io.twobrains.processor.domain;

import io.twobrains.contract.Nullable;
import java.time.Instant;

/**
 * A completion that has started and not yet ended.
 *
 * @param messageId           the id its reply will have
 * @param regenerates         the reply it replaces, when it is a regeneration
 * @param regeneratesPosition where that reply stands in its conversation (0 if not known)
 * @param runner              the node process that runs it, if recorded
 */
public record Generation(String id, String conversationId, String model, String provider, boolean byok,
        Instant startedAt, @Nullable String messageId, @Nullable String regenerates, long regeneratesPosition,
        @Nullable String runner) {
}
