package io.twobrains.contract.command;

import io.twobrains.contract.Nullable;
import io.twobrains.contract.ProfileScoped;
import io.twobrains.contract.generation.Ending;
import io.twobrains.contract.generation.TokenUsage;
import io.twobrains.contract.message.Part;
import java.util.List;

/**
 * Records how a completion ended, with the reply it produced (all of it, or what there was when it
 * failed or was stopped).
 *
 * @param ending completed when absent
 * @param parts  the assistant's reply; empty or absent when nothing was produced
 * @param error  why it failed, for a failed ending
 */
public record CompleteGeneration(String generationId, String finishReason, TokenUsage usage, long latencyMs,
        @Nullable Ending ending, @Nullable List<Part> parts, @Nullable String error) implements Command, ProfileScoped {

    public CompleteGeneration {
        parts = parts == null ? List.of() : List.copyOf(parts);
    }

    /** A completion that ended normally, with no reply recorded (the form tests and tools use). */
    public static CompleteGeneration completed(String generationId, String finishReason, TokenUsage usage, long latencyMs) {
        return new CompleteGeneration(generationId, finishReason, usage, latencyMs, Ending.COMPLETED, List.of(), null);
    }

    @Override
    public <R> R accept(Command.Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
