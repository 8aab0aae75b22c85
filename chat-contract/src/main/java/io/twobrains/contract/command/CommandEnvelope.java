package io.twobrains.contract.command;

import java.time.Instant;
import java.util.UUID;

/**
 * A command on {@code chat.commands}, keyed by {@code userId}.
 *
 * @param commandId   the idempotency key: a retry with the same id is answered, not re-applied
 * @param fingerprint hash of the request that made the command (null if the client gave no
 *                    idempotency key); a retry with the same id but another fingerprint is refused
 */
public record CommandEnvelope(UUID commandId, String userId, Instant issuedAt, Command payload, String fingerprint) {

    public String type() {
        return payload.type();
    }
}
