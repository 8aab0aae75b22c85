package io.twobrains.command.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twobrains.contract.Topics;
import io.twobrains.contract.json.MalformedRecordException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ControlSignalTest {

    /** One of each signal (a test fails if a new signal has none). */
    private static final List<ControlSignal> SAMPLES = List.of(new ControlSignal.Stop("alice", "c1", "g1"),
            new ControlSignal.Alive("node-a:8081/4f1c"));

    @Test
    void aSignalReadsBackAsItWasWritten() {
        ControlSignal stop = new ControlSignal.Stop("alice", "c1", "g1");
        ControlSignal alive = new ControlSignal.Alive("node-a:8081/4f1c");

        assertThat(ControlSignal.parse(stop.toBytes())).isEqualTo(stop);
        assertThat(ControlSignal.parse(alive.toBytes())).isEqualTo(alive);
        assertThat(stop.key()).as("a stop goes to its user's partition").isEqualTo("alice");
    }

    @Test
    void everySignalIsReadBackAndActedOnByItsOwnMethod() {
        assertThat(SAMPLES.stream().map(Object::getClass)).as("a sample of every signal")
                .containsExactlyInAnyOrder(ControlSignal.class.getPermittedSubclasses());
        assertThat(Arrays.stream(ControlSignal.Visitor.class.getDeclaredMethods()).map(method -> method.getParameterTypes()[0]))
                .as("a method of the visitor for each signal").containsExactlyInAnyOrder(ControlSignal.class.getPermittedSubclasses());

        ControlSignal.Visitor<Class<?>> named = new ControlSignal.Visitor<>() {
            @Override
            public Class<?> visit(ControlSignal.Stop stop) {
                return ControlSignal.Stop.class;
            }

            @Override
            public Class<?> visit(ControlSignal.Alive alive) {
                return ControlSignal.Alive.class;
            }
        };
        for (ControlSignal signal : SAMPLES) {
            assertThat(ControlSignal.parse(signal.toBytes())).as("read back").isEqualTo(signal);
            assertThat(signal.accept(named)).as(signal + " calls its own method").isEqualTo(signal.getClass());
        }
    }

    @Test
    void badJsonAnUnknownTypeAMissingFieldAndAnOversizedRecordAreMalformed() {
        assertThatThrownBy(() -> ControlSignal.parse(bytes("{not json"))).isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> ControlSignal.parse(bytes(
                "{\"type\":\"launch\",\"userId\":\"a\",\"conversationId\":\"c\",\"generationId\":\"g\"}")))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("unknown control type");
        assertThatThrownBy(() -> ControlSignal.parse(bytes("{\"type\":\"stop\",\"userId\":\"a\",\"conversationId\":\"c\"}")))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("generationId");
        assertThatThrownBy(() -> ControlSignal.parse(bytes("{\"type\":\"alive\"}")))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("instance");
        assertThatThrownBy(() -> ControlSignal.parse(new byte[Topics.MAX_RECORD_BYTES + 1]))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("over the limit");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
