package io.twobrains.local;

import io.twobrains.contract.json.ChatJson;
import tools.jackson.databind.node.ObjectNode;

/** A record of chat.deltas shaped as a delta, but with a chunk type the UI stream protocol does not have. */
final class PoisonDeltas {

    private PoisonDeltas() {
    }

    static ObjectNode unknownChunk(String user, String conversationId) {
        ObjectNode delta = ChatJson.MAPPER.createObjectNode().put("generationId", "g-poison")
                .put("conversationId", conversationId).put("index", 0);
        delta.putObject("chunk").put("type", PoisonWriter.UNKNOWN_TYPE);
        return delta;
    }
}
