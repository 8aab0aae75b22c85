package io.twobrains.command.chat;

import io.twobrains.contract.content.ContentCipher;
import io.twobrains.contract.content.ContentPlace;
import io.twobrains.contract.content.UnreadableContentException;
import io.twobrains.contract.Nullable;
import io.twobrains.contract.Topics;
import io.twobrains.contract.json.ChatJson;
import io.twobrains.contract.json.MalformedRecordException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One chunk of a generation on {@code chat.deltas}, at its index. {@link DeltaLog} writes them in
 * batches, one record per partition and flush: {@code {"deltas": [{userId, conversationId,
 * generationId, index, sealed}, ...]}}, the chunk sealed with its user's data key for its place
 * ({@link ContentPlace.Chunk}); a chunk in the open ({@code chunk}) and a record of a single delta keyed
 * by its user (what nodes wrote before) read too. A follower passes the chunk on to a client as it is,
 * so only chunks of the UI message stream protocol are accepted: the AI SDK parses them strictly, and
 * anything else would break the stream.
 */
record DeltaRecord(String userId, @Nullable String conversationId, String generationId, long index,
        @Nullable JsonNode openChunk, @Nullable String sealed) {

    /** The chunk types {@link UiChunks} writes; {@code data-*} chunks are the protocol's open end. */
    private static final Set<String> CHUNK_TYPES = Set.of("start", "start-step", "finish-step", "text-start",
            "text-delta", "text-end", "reasoning-start", "reasoning-delta", "reasoning-end", "tool-input-start",
            "tool-input-delta", "tool-input-available", "tool-output-available", "tool-output-error", "finish",
            "error", "abort", "message-metadata");
    private static final byte[] OPEN = "{\"deltas\":[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLOSE = "]}".getBytes(StandardCharsets.US_ASCII);

    /** One delta as a batch holds it, with its chunk sealed. */
    static byte[] entry(String userId, String conversationId, String generationId, long index, String sealedChunk) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(96 + sealedChunk.length());
        try (JsonGenerator json = ChatJson.MAPPER.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringProperty("userId", userId);
            json.writeStringProperty("conversationId", conversationId);
            json.writeStringProperty("generationId", generationId);
            json.writeNumberProperty("index", index);
            json.writeStringProperty("sealed", sealedChunk);
            json.writeEndObject();
        }
        return out.toByteArray();
    }

    static ByteArrayOutputStream openBatch() {
        ByteArrayOutputStream batch = new ByteArrayOutputStream(1024);
        batch.writeBytes(OPEN);
        return batch;
    }

    static void addToBatch(ByteArrayOutputStream batch, byte[] entry) {
        if (batch.size() > OPEN.length) {
            batch.write(',');
        }
        batch.writeBytes(entry);
    }

    static byte[] closeBatch(ByteArrayOutputStream batch) {
        batch.writeBytes(CLOSE);
        return batch.toByteArray();
    }

    /** Every delta of a record; {@code key} is the user of a record of a single delta. */
    static List<DeltaRecord> parse(String key, byte[] value) {
        Topics.requireFits(value);
        JsonNode node = json(value);
        if (node.has("deltas")) {
            if (!node.get("deltas").isArray()) {
                throw new MalformedRecordException("a batch of deltas needs an array of deltas");
            }
            List<DeltaRecord> deltas = new ArrayList<>(node.get("deltas").size());
            for (JsonNode delta : node.get("deltas")) {
                JsonNode user = delta.path("userId");
                if (!user.isString() || user.asString().isEmpty()) {
                    throw new MalformedRecordException("a delta of a batch needs its userId");
                }
                deltas.add(one(user.asString(), delta));
            }
            return deltas;
        }
        if (key == null) {
            throw new MalformedRecordException("a single delta needs its user as the key");
        }
        return List.of(one(key, node));
    }

    private static DeltaRecord one(String userId, JsonNode node) {
        JsonNode generationId = node.path("generationId");
        JsonNode index = node.path("index");
        JsonNode conversationId = node.path("conversationId");
        JsonNode sealed = node.path("sealed");
        if (!generationId.isString() || !index.isIntegralNumber() || index.asLong() < 0) {
            throw new MalformedRecordException("a delta needs a generationId, an index and a chunk");
        }
        if (sealed.isString() && conversationId.isString()) {
            return new DeltaRecord(userId, conversationId.asString(), generationId.asString(), index.asLong(), null,
                    sealed.asString());
        }
        if (!(node.get("chunk") instanceof ObjectNode chunk)) {
            throw new MalformedRecordException("a delta needs a generationId, an index and a chunk");
        }
        return new DeltaRecord(userId, conversationId.isString() ? conversationId.asString() : null,
                generationId.asString(), index.asLong(), checked(chunk), null);
    }

    /** The chunk, opened with its user's key if it is sealed. */
    JsonNode chunk(ContentCipher cipher) {
        if (sealed == null) {
            return openChunk;
        }
        String json;
        try {
            json = cipher.open(sealed, new ContentPlace.Chunk(conversationId, generationId, index));
        } catch (UnreadableContentException e) {
            throw new MalformedRecordException("a delta does not open with its user's key", e);
        }
        if (!(json(json.getBytes(StandardCharsets.UTF_8)) instanceof ObjectNode chunk)) {
            throw new MalformedRecordException("a delta's chunk is not an object");
        }
        return checked(chunk);
    }

    private static ObjectNode checked(ObjectNode chunk) {
        String type = chunk.path("type").asString("");
        if (!CHUNK_TYPES.contains(type) && !type.startsWith("data-")) {
            throw new MalformedRecordException("unknown chunk type '" + type + "'");
        }
        return chunk;
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
