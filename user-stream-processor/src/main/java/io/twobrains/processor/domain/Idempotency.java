package io.twobrains.processor.domain;

import io.twobrains.contract.command.CommandEnvelope;
import io.twobrains.contract.event.RejectionCode;
import io.twobrains.contract.reply.Reply;
import java.util.Objects;
import java.util.Optional;

/**
 * A command id seen before is answered, never applied twice: with the same request it gets the
 * first answer again; with another request it is refused.
 */
public final class Idempotency {

    /** What the processor remembers of a handled command. */
    public record Outcome(String fingerprint, Reply reply) {
    }

    private Idempotency() {
    }

    /** The reply for a repeated command, or empty if the command is new. */
    public static Optional<Reply> repeat(CommandEnvelope command, Optional<Outcome> earlier, long currentSeq) {
        return earlier.map(outcome -> Objects.equals(outcome.fingerprint(), command.fingerprint())
                ? outcome.reply()
                : Reply.rejected(command.commandId(), command.userId(), currentSeq, RejectionCode.IDEMPOTENCY_MISMATCH,
                        "this Idempotency-Key was used for a different request"));
    }
}
