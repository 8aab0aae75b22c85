package io.twobrains.command.chat;

import io.twobrains.contract.Topics;
import io.twobrains.contract.json.ChatJson;
import io.twobrains.contract.json.MalformedRecordException;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One record of {@code chat.deltas}, as {@link DeltaLog} writes it: a chunk of a generation, at its
 * index. A follower passes the chunk on to a client as it is, so only chunks of the UI message stream
 * protocol are accepted: the AI SDK parses them strictly, and anything else would break the stream.
 */
record DeltaRecord(String generationId, long index, JsonNode chunk) {

    /** The chunk types {@link UiChunks} writes; {@code data-*} chunks are the protocol's open end. */
    private static final Set<String> CHUNK_TYPES = Set.of("start", "start-step", "finish-step", "text-start",
            "text-delta", "text-end", "reasoning-start", "reasoning-delta", "reasoning-end", "tool-input-start",
            "tool-input-delta", "tool-input-available", "tool-output-available", "tool-output-error", "finish",
            "error", "abort", "message-metadata");

    static DeltaRecord parse(byte[] value) {
        Topics.requireFits(value);
        JsonNode node = json(value);
        JsonNode generationId = node.path("generationId");
        JsonNode index = node.path("index");
        if (!generationId.isString() || !index.isIntegralNumber() || index.asLong() < 0
                || !(node.get("chunk") instanceof ObjectNode chunk)) {
            throw new MalformedRecordException("a delta needs a generationId, an index and a chunk");
        }
        String type = chunk.path("type").asString("");
        if (!CHUNK_TYPES.contains(type) && !type.startsWith("data-")) {
            throw new MalformedRecordException("unknown chunk type '" + type + "'");
        }
        return new DeltaRecord(generationId.asString(), index.asLong(), chunk);
    }

    private static JsonNode json(byte[] value) {
        if (value == null) {
            throw new MalformedRecordException("a delta has no value");
        }
        try {
            return ChatJson.MAPPER.readTree(value);
        } catch (JacksonException e) {
            throw new MalformedRecordException("a delta is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
