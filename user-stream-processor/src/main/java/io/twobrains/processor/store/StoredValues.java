package io.twobrains.processor.store;

import io.twobrains.contract.json.ChatJson;
import io.twobrains.processor.domain.Conversation;
import io.twobrains.processor.domain.Generation;
import io.twobrains.processor.domain.Idempotency;
import io.twobrains.processor.domain.Message;
import io.twobrains.processor.domain.Profile;
import io.twobrains.processor.domain.UserState;
import tools.jackson.databind.node.ObjectNode;

/**
 * Store values as JSON. A stored user carries its schema version and is upgraded when it is next
 * read (the "migrate on load" of a per-user actor), so a new shape never needs a stop-the-world
 * migration of every user.
 */
public final class StoredValues {

    private StoredValues() {
    }

    public static byte[] write(Object value) {
        return ChatJson.MAPPER.writeValueAsBytes(value);
    }

    public static UserState user(byte[] bytes) {
        if (bytes == null) {
            return UserState.empty();
        }
        ObjectNode node = (ObjectNode) ChatJson.MAPPER.readTree(bytes);
        int version = node.path("schemaVersion").asInt(0);
        // v0 (before versioning) had no counters, v1 no quota windows: what was not kept starts at zero.
        if (version < UserState.CURRENT_SCHEMA) {
            node.put("conversations", node.path("conversations").asLong(0));
            node.put("messages", node.path("messages").asLong(0));
            node.put("dailyCount", node.path("dailyCount").asLong(0));
            node.put("monthlyCount", node.path("monthlyCount").asLong(0));
            node.put("schemaVersion", UserState.CURRENT_SCHEMA);
        }
        return ChatJson.MAPPER.treeToValue(node, UserState.class);
    }

    public static Conversation conversation(byte[] bytes) {
        return bytes == null ? null : ChatJson.MAPPER.readValue(bytes, Conversation.class);
    }

    public static Message message(byte[] bytes) {
        return ChatJson.MAPPER.readValue(bytes, Message.class);
    }

    public static Profile profile(byte[] bytes) {
        return bytes == null ? Profile.empty() : ChatJson.MAPPER.readValue(bytes, Profile.class);
    }

    public static Generation generation(byte[] bytes) {
        return bytes == null ? null : ChatJson.MAPPER.readValue(bytes, Generation.class);
    }

    public static Idempotency.Outcome outcome(byte[] bytes) {
        return bytes == null ? null : ChatJson.MAPPER.readValue(bytes, Idempotency.Outcome.class);
    }
}
