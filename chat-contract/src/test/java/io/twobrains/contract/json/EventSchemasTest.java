package io.twobrains.contract.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.twobrains.contract.event.EventEnvelope;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The committed JSON Schemas are what the records say, and what the codec writes fits them.
 * After changing an event, regenerate with {@code ./mvnw -pl chat-contract test -Dschemas.write=true}.
 */
class EventSchemasTest {

    private static final Path COMMITTED = Path.of("src/main/resources", EventSchemas.DIRECTORY);

    @Test
    void everyEventTypeHasACommittedSchemaThatMatchesItsRecord() throws IOException {
        Map<String, ObjectNode> generated = EventSchemas.all();
        if (Boolean.getBoolean("schemas.write")) {
            Files.createDirectories(COMMITTED);
            for (Map.Entry<String, ObjectNode> schema : generated.entrySet()) {
                Files.writeString(COMMITTED.resolve(schema.getKey()),
                        ChatJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(schema.getValue()) + "\n");
            }
        }
        assertThat(generated.keySet()).hasSameSizeAs(EventCodec.types().all().keySet());
        for (Map.Entry<String, ObjectNode> schema : generated.entrySet()) {
            JsonNode committed = committed(schema.getKey());
            assertThat(committed).as(schema.getKey() + " is stale: regenerate with -Dschemas.write=true")
                    .isEqualTo(schema.getValue());
        }
    }

    @Test
    void whatTheCodecWritesHasExactlyTheFieldsItsSchemaNames() throws IOException {
        for (EventEnvelope sample : Samples.events()) {
            JsonNode written = ChatJson.MAPPER.readTree(EventCodec.toBytes(sample));
            JsonNode schema = committed(sample.type() + ".v" + sample.version() + ".schema.json");
            assertFits(written, schema, sample.type());
            assertFits(written.get("payload"), schema.get("properties").get("payload"), sample.type() + ".payload");
        }
    }

    private static void assertFits(JsonNode value, JsonNode schema, String what) {
        Set<String> allowed = new HashSet<>(schema.get("properties").propertyNames());
        Set<String> present = new HashSet<>(value.propertyNames());
        assertThat(allowed).as(what + " has fields its schema does not name").containsAll(present);
        schema.get("required").forEach(name -> assertThat(present).as(what).contains(name.asString()));
    }

    private static JsonNode committed(String file) throws IOException {
        try (InputStream in = EventSchemasTest.class.getResourceAsStream("/" + EventSchemas.DIRECTORY + file)) {
            assertThat(in).as("no committed schema " + file).isNotNull();
            return ChatJson.MAPPER.readTree(in);
        }
    }
}
