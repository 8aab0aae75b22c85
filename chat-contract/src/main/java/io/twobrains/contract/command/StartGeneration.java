package io.twobrains.contract.command;

import io.twobrains.contract.ConversationScoped;
import io.twobrains.contract.Nullable;
import io.twobrains.contract.ProfileScoped;

/** Starts a completion; the free quota of the plan is checked here, exactly. */
public record StartGeneration(String generationId, String conversationId, String model, String provider, @Nullable String plan) implements Command, ProfileScoped, ConversationScoped {
}
