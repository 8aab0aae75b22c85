package io.twobrains.command.chat;

import io.twobrains.contract.json.ChatJson;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a run has streamed so far, kept compact: the deltas of one text or reasoning block are kept as
 * one growing delta, so a run holds about the size of its reply however many chunks it streamed. A
 * follower that arrives mid-reply gets this history (the same text, in fewer chunks), then the live
 * chunks: nothing twice, nothing missed. Not thread-safe: its run guards it.
 */
final class ChunkHistory {

    /** Consecutive deltas of one block, merged. */
    private static final class Delta {
        final String type;
        final String id;
        final StringBuilder text;

        Delta(String type, String id, String text) {
            this.type = type;
            this.id = id;
            this.text = new StringBuilder(text);
        }
    }

    private final List<Object> entries = new ArrayList<>();

    void add(ObjectNode chunk, String json) {
        String type = chunk.path("type").asString("");
        if (type.equals("text-delta") || type.equals("reasoning-delta")) {
            String id = chunk.path("id").asString("");
            String delta = chunk.path("delta").asString("");
            if (!entries.isEmpty() && entries.get(entries.size() - 1) instanceof Delta last
                    && last.type.equals(type) && last.id.equals(id)) {
                last.text.append(delta);
            } else {
                entries.add(new Delta(type, id, delta));
            }
            return;
        }
        entries.add(json);
    }

    /** The chunks so far, as SSE payloads. */
    List<String> replay() {
        List<String> chunks = new ArrayList<>(entries.size());
        for (Object entry : entries) {
            if (entry instanceof Delta delta) {
                chunks.add(ChatJson.MAPPER.writeValueAsString(ChatJson.MAPPER.createObjectNode()
                        .put("type", delta.type).put("id", delta.id).put("delta", delta.text.toString())));
            } else {
                chunks.add((String) entry);
            }
        }
        return chunks;
    }

    int size() {
        return entries.size();
    }
}
