package io.twobrains.command.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twobrains.contract.Topics;
import io.twobrains.contract.json.MalformedRecordException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DeltaRecordTest {

    @Test
    void aDeltaAsTheDeltaLogWritesItIsRead() {
        DeltaRecord delta = DeltaRecord.parse(bytes(
                "{\"generationId\":\"g1\",\"conversationId\":\"c1\",\"index\":3,\"chunk\":{\"type\":\"text-delta\",\"id\":\"t\",\"delta\":\"hi\"}}"));

        assertThat(delta.generationId()).isEqualTo("g1");
        assertThat(delta.index()).isEqualTo(3);
        assertThat(delta.chunk().path("delta").asString()).isEqualTo("hi");
        assertThat(DeltaRecord.parse(bytes(
                "{\"generationId\":\"g1\",\"index\":0,\"chunk\":{\"type\":\"data-notice\",\"data\":{}}}")).index()).isZero();
    }

    @Test
    void badJsonAnUnknownChunkTypeAMissingFieldAndAnOversizedRecordAreMalformed() {
        assertThatThrownBy(() -> DeltaRecord.parse(bytes("{not json"))).isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> DeltaRecord.parse(bytes(
                "{\"generationId\":\"g1\",\"index\":0,\"chunk\":{\"type\":\"launch-rocket\"}}")))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("unknown chunk type");
        assertThatThrownBy(() -> DeltaRecord.parse(bytes("{\"generationId\":\"g1\",\"chunk\":{\"type\":\"finish\"}}")))
                .isInstanceOf(MalformedRecordException.class);
        assertThatThrownBy(() -> DeltaRecord.parse(null)).isInstanceOf(MalformedRecordException.class);
        assertThatThrownBy(() -> DeltaRecord.parse(new byte[Topics.MAX_RECORD_BYTES + 1]))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("over the limit");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
