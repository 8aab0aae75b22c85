package io.twobrains.command.chat;

/** Where a run's chunks go besides its followers: {@code chat.deltas} ({@link DeltaLog}). */
interface DeltaSink {

    /** One chunk of a run, sealed with its user's key for its place ({@code ContentPlace.Chunk}). */
    void append(String userId, String conversationId, String generationId, long index, String sealedChunk);
}
