package io.twobrains.processor.kafka;

import io.twobrains.contract.command.CommandEnvelope;
import io.twobrains.contract.command.CompleteGeneration;
import io.twobrains.contract.generation.Ending;
import io.twobrains.contract.generation.TokenUsage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The command that ends a generation whose runner is gone: a failure with nothing produced (what the
 * runner streamed died with it), so a free generation's message goes back to the quota and the
 * conversation takes the next message. Its id is derived from the generation, so every check that
 * finds the same lost generation sends the same command.
 */
final class RunnerLease {

    private RunnerLease() {
    }

    static CommandEnvelope failure(String userId, String generationId, String runner, Instant now) {
        UUID commandId = UUID.nameUUIDFromBytes(("runner-gone:" + generationId).getBytes(StandardCharsets.UTF_8));
        return new CommandEnvelope(commandId, userId, now, new CompleteGeneration(generationId, "error", TokenUsage.NONE, 0,
                Ending.FAILED, List.of(), "the node running this reply stopped (" + runner + ")"), null);
    }
}
