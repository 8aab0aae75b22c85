package io.twobrains.command.chat;

import io.twobrains.contract.Topics;
import io.twobrains.contract.json.ChatJson;
import io.twobrains.contract.json.MalformedRecordException;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** A record of {@code chat.control}: signals between nodes. */
sealed interface ControlSignal {

    /** Stop this generation, wherever it runs. */
    record Stop(String userId, String conversationId, String generationId) implements ControlSignal {

        static final String TYPE = "stop";

        @Override
        public String key() {
            return userId;
        }

        @Override
        public byte[] toBytes() {
            return ChatJson.MAPPER.writeValueAsBytes(Map.of("type", TYPE, "userId", userId,
                    "conversationId", conversationId, "generationId", generationId));
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** This node process lives (a heartbeat: the lease of the generations it runs). */
    record Alive(String instance) implements ControlSignal {

        static final String TYPE = "alive";

        @Override
        public String key() {
            return instance;
        }

        @Override
        public byte[] toBytes() {
            return ChatJson.MAPPER.writeValueAsBytes(Map.of("type", TYPE, "instance", instance));
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** The record key: a stop goes to its user's partition, a heartbeat to its node's. */
    String key();

    byte[] toBytes();

    /** Hands this signal to the visitor's method for its type. */
    <R> R accept(Visitor<R> visitor);

    /**
     * One method per signal: a node that reads {@code chat.control} implements it, and the compiler
     * tells when a new signal is not acted on (Java 17 has no exhaustive switch over a sealed type).
     */
    interface Visitor<R> {

        R visit(Stop stop);

        R visit(Alive alive);
    }

    static ControlSignal parse(byte[] value) {
        Topics.requireFits(value);
        JsonNode node = json(value);
        String type = node.path("type").asString("");
        return switch (type) {
            case Stop.TYPE -> new Stop(text(node, "userId"), text(node, "conversationId"), text(node, "generationId"));
            case Alive.TYPE -> new Alive(text(node, "instance"));
            default -> throw new MalformedRecordException("unknown control type '" + type + "'");
        };
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isString() || value.asString().isEmpty()) {
            throw new MalformedRecordException("a control signal needs a " + field);
        }
        return value.asString();
    }

    private static JsonNode json(byte[] value) {
        if (value == null) {
            throw new MalformedRecordException("a control record has no value");
        }
        try {
            return ChatJson.MAPPER.readTree(value);
        } catch (JacksonException e) {
            throw new MalformedRecordException("a control record is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
