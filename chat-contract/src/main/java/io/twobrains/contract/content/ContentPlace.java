package io.twobrains.contract.content;

/**
 * Where a sealed value belongs, bound into its seal: a value opens only in its own place, so content
 * cannot be moved between conversations, messages or generations of the same user unnoticed.
 */
public sealed interface ContentPlace {

    /** The title of a conversation. */
    record Title(String conversationId) implements ContentPlace {
        @Override
        public String toString() {
            return "title/" + conversationId;
        }
    }

    /** A part of a message (text, reasoning, a tool's input, output or error). */
    record MessagePart(String conversationId, String messageId) implements ContentPlace {
        @Override
        public String toString() {
            return "message/" + conversationId + "/" + messageId;
        }
    }

    /** A chunk of a running generation, as it streams on {@code chat.deltas}. */
    record Chunk(String conversationId, String generationId, long index) implements ContentPlace {
        @Override
        public String toString() {
            return "chunk/" + conversationId + "/" + generationId + "/" + index;
        }
    }
}
