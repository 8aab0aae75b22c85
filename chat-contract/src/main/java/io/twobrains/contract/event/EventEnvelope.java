package io.twobrains.contract.event;

import java.time.Instant;
import java.util.UUID;

/**
 * An event on {@code chat.events}, keyed by {@code userId}: the source of truth.
 *
 * @param seq       per user, gapless, starting at 1
 * @param commandId the command that caused the event
 * @param version   the schema version of the payload as it was written
 */
public record EventEnvelope(
        UUID eventId, String userId, long seq, UUID commandId, Instant occurredAt, int version, Event payload) {

    public String type() {
        return payload.type();
    }
}
