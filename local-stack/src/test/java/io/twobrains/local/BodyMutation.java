package io.twobrains.local;

import io.twobrains.contract.json.ChatJson;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One way to spoil a valid JSON body, for fuzzing: a value replaced by an odd one (wrong type, null,
 * out-of-range number, huge or broken string, deep nesting, not JSON at all), a field removed or added,
 * the body cut short, invalid UTF-8 spliced in, or the whole body replaced. The result may by chance
 * still be valid; the fuzzer allows for that.
 */
sealed interface BodyMutation {

    String MARK = "@@fuzz@@";

    byte[] apply(String validJson);

    /** The value at slot {@code at} (counting the root and every field and element) becomes {@code raw}. */
    record Replace(int at, String raw) implements BodyMutation {
        public byte[] apply(String validJson) {
            JsonNode root = ChatJson.MAPPER.readTree(validJson);
            List<Slot> slots = slots(root);
            int index = Math.floorMod(at, slots.size() + 1);
            if (index == slots.size()) {
                return utf8(raw);
            }
            slots.get(index).set(ChatJson.MAPPER.getNodeFactory().stringNode(MARK));
            return utf8(ChatJson.MAPPER.writeValueAsString(root).replace("\"" + MARK + "\"", raw));
        }
    }

    /** The field or element at slot {@code at} is left out. */
    record Remove(int at) implements BodyMutation {
        public byte[] apply(String validJson) {
            JsonNode root = ChatJson.MAPPER.readTree(validJson);
            List<Slot> slots = slots(root);
            if (!slots.isEmpty()) {
                slots.get(Math.floorMod(at, slots.size())).remove();
            }
            return utf8(ChatJson.MAPPER.writeValueAsString(root));
        }
    }

    /** An extra field {@code name: raw} in the object at slot {@code at} (or the root). */
    record Add(int at, String name, String raw) implements BodyMutation {
        public byte[] apply(String validJson) {
            JsonNode root = ChatJson.MAPPER.readTree(validJson);
            List<JsonNode> objects = new ArrayList<>();
            collectObjects(root, objects);
            ObjectNode target = (ObjectNode) objects.get(Math.floorMod(at, objects.size()));
            target.put(name, MARK);
            return utf8(ChatJson.MAPPER.writeValueAsString(root).replace("\"" + MARK + "\"", raw));
        }
    }

    /** The body cut after {@code permille}/1000 of its bytes. */
    record Truncate(int permille) implements BodyMutation {
        public byte[] apply(String validJson) {
            byte[] bytes = utf8(validJson);
            return Arrays.copyOf(bytes, bytes.length * Math.floorMod(permille, 1000) / 1000);
        }
    }

    /** Bytes that are not UTF-8 (or encode a lone surrogate) spliced in after the {@code at}-th quote. */
    record InvalidUtf8(int at, byte[] bad) implements BodyMutation {
        public byte[] apply(String validJson) {
            byte[] bytes = utf8(validJson);
            List<Integer> quotes = new ArrayList<>();
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == '"') {
                    quotes.add(i + 1);
                }
            }
            int cut = quotes.isEmpty() ? 0 : quotes.get(Math.floorMod(at, quotes.size()));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(bytes, 0, cut);
            out.writeBytes(bad);
            out.write(bytes, cut, bytes.length - cut);
            return out.toByteArray();
        }

        @Override
        public String toString() {
            return "InvalidUtf8[at=" + at + ", bad=" + Arrays.toString(bad) + "]";
        }
    }

    /** A whole other body. */
    record Whole(String label, byte[] body) implements BodyMutation {
        public byte[] apply(String validJson) {
            return body;
        }

        @Override
        public String toString() {
            return "Whole[" + label + ", " + body.length + " bytes]";
        }
    }

    static BodyMutation any(RandomGenerator random) {
        return Draw.weighted(random,
                Draw.weight(8, r -> new Replace(at(r), oddValue(r))),
                Draw.weight(3, r -> new Remove(at(r))),
                Draw.weight(3, r -> new Add(at(r), fieldName(r), oddValue(r))),
                Draw.weight(1, r -> new Truncate(at(r))),
                Draw.weight(2, r -> new InvalidUtf8(at(r), Draw.element(r, new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xFF},
                        new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80},
                        new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {0}))),
                Draw.weight(3, BodyMutation::wholeBody));
    }

    /** Where in the body: the mutations wrap it around the number of places there are. */
    private static int at(RandomGenerator random) {
        return Draw.between(random, 0, 1000);
    }

    /** A value of the wrong type, out of range, huge, deeply nested, badly encoded, or not JSON. */
    static String oddValue(RandomGenerator random) {
        return Draw.weighted(random,
                Draw.weight(6, r -> Draw.element(r, "null", "true", "false", "0", "-1", "1.5", "-0", "1e400", "-1e400",
                        "9223372036854775808", "-9223372036854775809", "123456789012345678901234567890", "\"\"", "\" \"",
                        "[]", "{}", "[null]", "{\"\":null}", "\"\\ud800\"", "\"\\udc00x\\ud800\"", "\"\\u0000\"",
                        "\"\\u202e\\u0301\\ufeff\"", "\"😀\"", "NaN", "Infinity", "undefined", "'single'", "\"unterminated",
                        "[1,2", "{\"a\":}", "0x10", "01", "\"dark\"", "\"user\"", "\"assistant\"", "\"system\"", "\"text\"",
                        "\"http\"", "\"sse\"", "\"demo\"", "\"gpt-4o-mini\"", "\"regenerate-message\"", "\"c1\"", "\"s1\"",
                        "\"../../etc/passwd\"", "\"http://127.0.0.1/x\"", "\"file:///etc/passwd\"", "\"<script>\"")),
                Draw.weight(3, r -> ChatJson.MAPPER.writeValueAsString(Draw.anyString(r, 40))),
                Draw.weight(2, r -> "\"" + Draw.string(r, Draw.ALPHANUMERIC + "-_", 1, 70) + "\""),
                Draw.weight(2, r -> String.valueOf(Draw.anyLong(r))),
                Draw.weight(1, r -> String.valueOf(Draw.anyDouble(r))),
                Draw.weight(1, r -> "\"" + "x".repeat(Draw.between(r, 1, 300_000)) + "\""),
                Draw.weight(1, r -> {
                    int n = Draw.between(r, 1, 5_000);
                    return "[".repeat(n) + "]".repeat(n);
                }),
                Draw.weight(1, r -> {
                    int n = Draw.between(r, 1, 2_000);
                    return "{\"a\":".repeat(n) + "1" + "}".repeat(n);
                }),
                Draw.weight(1, r -> "[" + "{\"type\":\"text\",\"text\":\"x\"},".repeat(Draw.between(r, 1, 2_000)) + "{}]"));
    }

    static String fieldName(RandomGenerator random) {
        return Draw.oneOf(random,
                r -> Draw.element(r, "id", "owner", "userId", "role", "parts", "title", "messages", "trigger",
                        "model", "messageId", "headers", "url", "key", "baseUrl", "theme", "__proto__", "", "seq"),
                r -> Draw.anyString(r, 20));
    }

    /** Whole other bodies, built once: some are hundreds of kilobytes. */
    List<Whole> WHOLE_BODIES = List.of(
            new Whole("empty", new byte[0]),
            new Whole("null", utf8("null")),
            new Whole("array", utf8("[]")),
            new Whole("string", utf8("\"hello\"")),
            new Whole("number", utf8("42")),
            new Whole("open brace", utf8("{")),
            new Whole("not json", utf8("title=hello&id=x")),
            new Whole("xml", utf8("<conversation><id>x</id></conversation>")),
            new Whole("bom", utf8("\ufeff{}")),
            new Whole("comments", utf8("{/* c */ \"title\": \"t\"}")),
            new Whole("trailing garbage", utf8("{\"title\":\"t\"}}}}")),
            new Whole("two documents", utf8("{\"title\":\"t\"} {\"title\":\"u\"}")),
            new Whole("duplicate keys", utf8("{\"title\":\"a\",\"title\":\"b\",\"id\":\"x\",\"id\":\"y\"}")),
            new Whole("huge number", utf8("{\"limit\":1" + "0".repeat(20_000) + "}")),
            new Whole("deep arrays", utf8("[".repeat(100_000))),
            new Whole("deep objects", utf8("{\"a\":".repeat(50_000))),
            new Whole("over the limit", utf8("{\"title\":\"" + "x".repeat(300 * 1024) + "\"}")),
            new Whole("long key", utf8("{\"" + "k".repeat(100_000) + "\":1}")),
            new Whole("many keys", utf8(manyKeys(20_000))),
            new Whole("utf-16", "{\"title\":\"t\"}".getBytes(StandardCharsets.UTF_16)));

    static BodyMutation wholeBody(RandomGenerator random) {
        return Draw.oneOf(random,
                r -> Draw.element(r, WHOLE_BODIES),
                r -> new Whole("random bytes", Draw.bytes(r, 300)));
    }

    private static String manyKeys(int count) {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < count; i++) {
            json.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
        }
        return json.append('}').toString();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A place in the tree that holds a value: an object's field or an array's element. */
    record Slot(JsonNode parent, String field, int index) {
        void set(JsonNode value) {
            if (parent instanceof ObjectNode object) {
                object.set(field, value);
            } else {
                ((ArrayNode) parent).set(index, value);
            }
        }

        void remove() {
            if (parent instanceof ObjectNode object) {
                object.remove(field);
            } else {
                ((ArrayNode) parent).remove(index);
            }
        }
    }

    private static List<Slot> slots(JsonNode root) {
        List<Slot> slots = new ArrayList<>();
        collectSlots(root, slots);
        return slots;
    }

    private static void collectSlots(JsonNode node, List<Slot> slots) {
        if (node instanceof ObjectNode object) {
            for (String name : List.copyOf(object.propertyNames())) {
                slots.add(new Slot(object, name, -1));
                collectSlots(object.get(name), slots);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                slots.add(new Slot(array, null, i));
                collectSlots(array.get(i), slots);
            }
        }
    }

    private static void collectObjects(JsonNode node, List<JsonNode> objects) {
        if (node.isObject()) {
            objects.add(node);
        }
        node.values().forEach(child -> collectObjects(child, objects));
    }
}
