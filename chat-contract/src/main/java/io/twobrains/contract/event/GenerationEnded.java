package io.twobrains.contract.event;

import io.twobrains.contract.generation.TokenUsage;

/** What every end of a generation tells: which one, on what, and what it used. */
public interface GenerationEnded {

    String generationId();

    String conversationId();

    String model();

    String provider();

    boolean byok();

    TokenUsage usage();

    long latencyMs();
}
