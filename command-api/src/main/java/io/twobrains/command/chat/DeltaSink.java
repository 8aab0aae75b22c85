package io.twobrains.command.chat;

/** Where a run's chunks go besides its followers: {@code chat.deltas} ({@link DeltaLog}). */
interface DeltaSink {

    void append(String userId, String conversationId, String generationId, long index, String chunkJson);
}
