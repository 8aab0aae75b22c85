package io.twobrains.command.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twobrains.contract.Topics;
import io.twobrains.contract.content.ContentCipher;
import io.twobrains.contract.content.ContentPlace;
import io.twobrains.contract.json.MalformedRecordException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeltaRecordTest {

    private static final ContentCipher ALICE = new ContentCipher("alice \"a\"", ContentCipher.newKey());
    private static final ContentCipher BOB = new ContentCipher("bob", ContentCipher.newKey());

    @Test
    void aBatchAsTheDeltaLogWritesItIsReadInOrderWithEachChunkSealedForItsUserAndPlace() {
        ByteArrayOutputStream batch = DeltaRecord.openBatch();
        DeltaRecord.addToBatch(batch, DeltaRecord.entry(ALICE.userId(), "c1", "g1", 3,
                ALICE.seal("{\"type\":\"text-delta\",\"id\":\"t\",\"delta\":\"hi canary\"}", new ContentPlace.Chunk("c1", "g1", 3))));
        DeltaRecord.addToBatch(batch, DeltaRecord.entry("bob", "c9", "g2", 0,
                BOB.seal("{\"type\":\"data-notice\",\"data\":{}}", new ContentPlace.Chunk("c9", "g2", 0))));
        byte[] record = DeltaRecord.closeBatch(batch);

        List<DeltaRecord> deltas = DeltaRecord.parse(null, record);

        assertThat(new String(record, StandardCharsets.UTF_8)).doesNotContain("canary");
        assertThat(deltas).extracting(DeltaRecord::userId).containsExactly("alice \"a\"", "bob");
        assertThat(deltas.get(0).index()).isEqualTo(3);
        assertThat(deltas.get(0).chunk(ALICE).path("delta").asString()).isEqualTo("hi canary");
        assertThat(deltas.get(1).generationId()).isEqualTo("g2");
        assertThatThrownBy(() -> deltas.get(1).chunk(ALICE)).as("another user's key")
                .isInstanceOf(MalformedRecordException.class);
    }

    @Test
    void aChunkInTheOpenFromBeforeSealingIsReadAsItWas() {
        List<DeltaRecord> deltas = DeltaRecord.parse(null, bytes("{\"deltas\":[{\"userId\":\"bob\",\"conversationId\":\"c\","
                + "\"generationId\":\"g\",\"index\":0,\"chunk\":{\"type\":\"text-delta\",\"id\":\"t\",\"delta\":\"hi\"}}]}"));

        assertThat(deltas.get(0).chunk(BOB).path("delta").asString()).isEqualTo("hi");
    }

    @Test
    void aSingleDeltaKeyedByItsUserIsReadToo() {
        List<DeltaRecord> deltas = DeltaRecord.parse("alice", bytes(
                "{\"generationId\":\"g1\",\"index\":0,\"chunk\":{\"type\":\"finish\",\"messageMetadata\":{}}}"));

        assertThat(deltas).singleElement().satisfies(delta -> assertThat(delta.userId()).isEqualTo("alice"));
    }

    @Test
    void badJsonAnUnknownChunkTypeAMissingFieldAndAnOversizedRecordAreMalformed() {
        assertThatThrownBy(() -> DeltaRecord.parse("u", bytes("{not json"))).isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> DeltaRecord.parse("u", bytes(
                "{\"generationId\":\"g1\",\"index\":0,\"chunk\":{\"type\":\"launch-rocket\"}}")))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("unknown chunk type");
        assertThatThrownBy(() -> DeltaRecord.parse("u", bytes(
                "{\"deltas\":[{\"generationId\":\"g1\",\"index\":0,\"chunk\":{\"type\":\"finish\"}}]}")))
                .as("a delta of a batch without its user").isInstanceOf(MalformedRecordException.class);
        assertThatThrownBy(() -> DeltaRecord.parse("u", bytes("{\"generationId\":\"g1\",\"chunk\":{\"type\":\"finish\"}}")))
                .isInstanceOf(MalformedRecordException.class);
        assertThatThrownBy(() -> DeltaRecord.parse(null, bytes("{\"generationId\":\"g1\",\"index\":0,"
                + "\"chunk\":{\"type\":\"finish\"}}"))).as("a single delta without a key").isInstanceOf(MalformedRecordException.class);
        assertThatThrownBy(() -> DeltaRecord.parse("u", null)).isInstanceOf(MalformedRecordException.class);
        assertThatThrownBy(() -> DeltaRecord.parse("u", new byte[Topics.MAX_RECORD_BYTES + 1]))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("over the limit");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
