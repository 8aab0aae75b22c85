package io.twobrains.contract.command;

import io.twobrains.contract.ProfileScoped;
import io.twobrains.contract.generation.TokenUsage;

/** Records how a completion ended. */
public record CompleteGeneration(String generationId, String finishReason, TokenUsage usage, long latencyMs) implements Command, ProfileScoped {
}
