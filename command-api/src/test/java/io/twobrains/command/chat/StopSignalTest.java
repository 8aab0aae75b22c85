package io.twobrains.command.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twobrains.contract.Topics;
import io.twobrains.contract.json.MalformedRecordException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StopSignalTest {

    @Test
    void aSignalReadsBackAsItWasWritten() {
        StopSignal signal = new StopSignal("alice", "c1", "g1");

        assertThat(StopSignal.parse(signal.toBytes())).isEqualTo(signal);
    }

    @Test
    void badJsonAnUnknownTypeAMissingFieldAndAnOversizedRecordAreMalformed() {
        assertThatThrownBy(() -> StopSignal.parse(bytes("{not json"))).isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> StopSignal.parse(bytes(
                "{\"type\":\"launch\",\"userId\":\"a\",\"conversationId\":\"c\",\"generationId\":\"g\"}")))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("unknown control type");
        assertThatThrownBy(() -> StopSignal.parse(bytes("{\"type\":\"stop\",\"userId\":\"a\",\"conversationId\":\"c\"}")))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("generationId");
        assertThatThrownBy(() -> StopSignal.parse(new byte[Topics.MAX_RECORD_BYTES + 1]))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("over the limit");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
