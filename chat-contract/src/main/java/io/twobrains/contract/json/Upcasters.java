package io.twobrains.contract.json;

import io.twobrains.contract.event.TitleSource;
import java.util.Map;
import java.util.function.UnaryOperator;
import tools.jackson.databind.node.ObjectNode;

/**
 * Upgrades old event payloads, one version at a time, when they are read. The log is never
 * rewritten: an event keeps the version it was written with, and every reader sees the current shape.
 */
public final class Upcasters {

    private record Step(String type, int fromVersion) {
    }

    private static final Map<Step, UnaryOperator<ObjectNode>> STEPS = Map.of(
            // v1 renames were all made by users: automatic titles came with v2.
            new Step("ConversationRenamed", 1), payload -> payload.put("source", wireName(TitleSource.MANUAL)));

    private Upcasters() {
    }

    /** Brings {@code payload} (written at {@code version}) up to {@code targetVersion}. */
    public static ObjectNode upcast(String type, int version, int targetVersion, ObjectNode payload) {
        ObjectNode current = payload;
        for (int v = version; v < targetVersion; v++) {
            UnaryOperator<ObjectNode> step = STEPS.get(new Step(type, v));
            if (step == null) {
                throw new IllegalArgumentException("no upcaster for " + type + " v" + v);
            }
            current = step.apply(current.deepCopy());
        }
        return current;
    }

    private static String wireName(Enum<?> value) {
        return ChatJson.MAPPER.valueToTree(value).asString();
    }
}
