package io.twobrains.contract.content;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import io.twobrains.contract.json.ChatJson;
import io.twobrains.contract.message.Part;
import io.twobrains.contract.message.ReasoningPart;
import io.twobrains.contract.message.Role;
import io.twobrains.contract.message.StepStartPart;
import io.twobrains.contract.message.TextPart;
import io.twobrains.contract.message.ToolPart;
import io.twobrains.contract.view.MessageView;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The rewrite of a stored message writes what decoding, opening and encoding it writes. */
class SealedMessageJsonTest {

    private static final Instant AT = Instant.parse("2026-12-02T10:15:30.123Z");

    private final ContentCipher alice = new ContentCipher("alice", ContentCipher.newKey());

    @Test
    void everyKindOfPartIsRewrittenAsDecodingAndEncodingWouldWriteIt() {
        List<Part> parts = List.of(new TextPart("the canary sings \"loud\"\n\ttab \u0001 é 🚀 </script>"),
                new ReasoningPart("thinking of the canary"), new StepStartPart(),
                new ToolPart("search", "call-1", ToolPart.OUTPUT_AVAILABLE,
                        json("{\"q\":\"canary\",\"n\":3,\"x\":1.5,\"big\":12345678901234567890,\"deep\":{\"a\":[null,true]}}"),
                        json("[\"a canary\",2.0e3]"), null),
                new ToolPart("search", "call-2", ToolPart.OUTPUT_ERROR, json("{}"), null, "no canary"),
                new ToolPart("echo", "call-3", ToolPart.OUTPUT_AVAILABLE, json("\"a string\""), json("7"), null));

        for (Role role : Role.values()) {
            byte[] stored = stored(new MessageView("m1", role, SealedContent.seal(alice, "c1", "m1", parts), AT));

            assertRewrittenAsDecoded(alice, stored);
            assertThat(parse(SealedMessageJson.open(alice, "c1", stored)))
                    .isEqualTo(parse(stored(new MessageView("m1", role, parts, AT))));
        }
    }

    @Test
    void valuesThatNoLongerOpenReadAsUnreadableInTheRewriteToo() {
        byte[] stored = stored(new MessageView("m1", Role.ASSISTANT, SealedContent.seal(alice, "c1", "m1", List.of(
                new TextPart("gone"), new ToolPart("search", "call-1", ToolPart.OUTPUT_AVAILABLE, json("{\"q\":1}"),
                        json("[1]"), null))), AT));
        ContentCipher erased = new ContentCipher("alice", ContentCipher.newKey());

        assertRewrittenAsDecoded(erased, stored);
        assertThat(new String(SealedMessageJson.open(erased, "c1", stored), StandardCharsets.UTF_8))
                .contains(SealedContent.UNREADABLE).doesNotContain(ContentCipher.PREFIX);
        assertThat(SealedMessageJson.open(alice, "c2", stored)).as("in another conversation's place")
                .isEqualTo(SealedMessageJson.decodeOpenEncode(alice, "c2", stored));
    }

    @Test
    void plaintextPartsFromBeforeSealingAreCopiedAsTheyAre() {
        List<Part> sealed = SealedContent.seal(alice, "c1", "m1", List.of(new TextPart("sealed")));
        byte[] stored = stored(new MessageView("m1", Role.ASSISTANT, List.of(sealed.get(0), new TextPart("old text"),
                new ReasoningPart("old reasoning"), new ToolPart("tbc1.not-a-tool", "tbc1.call", "tbc1.state",
                        json("{\"q\":\"tbc1.inside\"}"), json("\"plain\""), "old error")), AT));

        assertRewrittenAsDecoded(alice, stored);
        assertThat(new String(SealedMessageJson.open(alice, "c1", stored), StandardCharsets.UTF_8))
                .contains("\"sealed\"", "tbc1.not-a-tool", "tbc1.inside", "old error");
    }

    @Test
    void aMessageInAnotherShapeIsDecodedOpenedAndEncodedInstead() {
        String text = alice.seal("the canary sings", new ContentPlace.MessagePart("c1", "m1"));
        String part = "{\"type\":\"text\",\"text\":\"" + text + "\"}";
        Map<String, String> shapes = Map.of(
                "the parts before the id", "{\"role\":\"user\",\"parts\":[" + part + "],\"id\":\"m1\"}",
                "the text before the type", "{\"id\":\"m1\",\"role\":\"user\",\"parts\":[{\"text\":\"" + text
                        + "\",\"type\":\"text\"}]}",
                "a field of a newer writer", "{\"id\":\"m1\",\"role\":\"user\",\"parts\":[" + part + "],\"pinned\":true}",
                "a part field of a newer writer", "{\"id\":\"m1\",\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"text\":\""
                        + text + "\",\"lang\":\"en\"}]}",
                "a null", "{\"id\":\"m1\",\"role\":\"user\",\"parts\":[" + part + ",{\"type\":\"reasoning\",\"text\":null}]}",
                "an id twice", "{\"id\":\"m0\",\"id\":\"m1\",\"role\":\"user\",\"parts\":[" + part + "]}",
                "a text twice", "{\"id\":\"m1\",\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"text\":\"x\",\"text\":\""
                        + text + "\"}]}",
                "a time as a number", "{\"id\":\"m1\",\"role\":\"user\",\"parts\":[" + part + "],\"createdAt\":0}");

        shapes.forEach((shape, message) -> {
            byte[] stored = message.getBytes(StandardCharsets.UTF_8);
            assertThat(SealedMessageJson.rewrite(alice, "c1", stored)).as(shape).isNull();
            assertThat(outcome(() -> SealedMessageJson.open(alice, "c1", stored))).as(shape)
                    .isEqualTo(outcome(() -> SealedMessageJson.decodeOpenEncode(alice, "c1", stored)));
        });
        assertThat(new String(SealedMessageJson.open(alice, "c1", bytes(shapes.get("the parts before the id"))),
                StandardCharsets.UTF_8)).contains("the canary sings");
        assertThat(new String(SealedMessageJson.open(alice, "c1", bytes(shapes.get("the text before the type"))),
                StandardCharsets.UTF_8)).contains("the canary sings");
    }

    /** The JSON written, or the type of what was thrown (as the decoder answers a shape it refuses). */
    private static String outcome(java.util.function.Supplier<byte[]> write) {
        try {
            return new String(write.get(), StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            return "thrown: " + e.getClass().getName();
        }
    }

    @Test
    void aPartTypeOrRoleThisVersionDoesNotKnowIsLeftToTheDecoder() {
        String text = alice.seal("x", new ContentPlace.MessagePart("c1", "m1"));

        assertThat(SealedMessageJson.rewrite(alice, "c1", bytes("{\"id\":\"m1\",\"role\":\"user\",\"parts\":[{\"type\":\"file\","
                + "\"url\":\"" + text + "\"}]}"))).isNull();
        assertThat(SealedMessageJson.rewrite(alice, "c1", bytes("{\"id\":\"m1\",\"role\":\"robot\",\"parts\":[{\"type\":\"text\","
                + "\"text\":\"" + text + "\"}]}"))).isNull();
    }

    @Test
    void theRewriteKnowsEveryPartTypeAndFieldAndEveryMessageField() {
        Map<String, Class<?>> types = Arrays.stream(Part.class.getAnnotation(JsonSubTypes.class).value())
                .collect(Collectors.toMap(JsonSubTypes.Type::name, JsonSubTypes.Type::value));
        assertThat(Arrays.stream(Part.class.getPermittedSubclasses()).collect(Collectors.toSet()))
                .as("every part type has a name").isEqualTo(Set.copyOf(types.values()));

        assertThat(SealedMessageJson.PARTS.keySet()).isEqualTo(types.keySet());
        types.forEach((name, type) -> assertThat(SealedMessageJson.PARTS.get(name).stream()
                .map(SealedMessageJson.Field::name).toList()).as(name).containsExactlyInAnyOrderElementsOf(components(type)));
        assertThat(SealedMessageJson.MESSAGE).containsExactlyInAnyOrderElementsOf(components(MessageView.class));
    }

    private static List<String> components(Class<?> record) {
        return Arrays.stream(record.getRecordComponents()).map(java.lang.reflect.RecordComponent::getName).toList();
    }

    private static void assertRewrittenAsDecoded(ContentCipher cipher, byte[] stored) {
        byte[] rewritten = SealedMessageJson.rewrite(cipher, "c1", stored);
        assertThat(rewritten).as("the stored shape is rewritten, not decoded").isNotNull();
        assertThat(new String(rewritten, StandardCharsets.UTF_8))
                .isEqualTo(new String(SealedMessageJson.decodeOpenEncode(cipher, "c1", stored), StandardCharsets.UTF_8));
    }

    private static byte[] stored(MessageView message) {
        return ChatJson.MAPPER.writeValueAsBytes(message);
    }

    private static Object parse(byte[] json) {
        return ChatJson.MAPPER.readTree(json);
    }

    private static JsonNode json(String text) {
        return ChatJson.MAPPER.readTree(text);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
