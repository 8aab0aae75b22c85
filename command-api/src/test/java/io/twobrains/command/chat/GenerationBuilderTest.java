package io.twobrains.command.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.twobrains.contract.json.ChatJson;
import io.twobrains.contract.message.ReasoningPart;
import io.twobrains.contract.message.StepStartPart;
import io.twobrains.contract.message.TextPart;
import io.twobrains.contract.message.ToolPart;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class GenerationBuilderTest {

    private final List<ObjectNode> chunks = new ArrayList<>();
    private final GenerationBuilder generation = new GenerationBuilder(chunks::add);

    private List<String> types() {
        return chunks.stream().map(c -> c.get("type").asString()).toList();
    }

    @Test
    void whatIsStreamedIsExactlyWhatIsSaved() {
        generation.reasoning("Hm");
        generation.reasoning(", let me see");
        generation.text("Hello");
        generation.text(", world");
        generation.finishStep();

        assertThat(types()).containsExactly("start-step", "reasoning-start", "reasoning-delta", "reasoning-delta",
                "reasoning-end", "text-start", "text-delta", "text-delta", "text-end", "finish-step");
        assertThat(generation.parts()).containsExactly(new StepStartPart(), new ReasoningPart("Hm, let me see"),
                new TextPart("Hello, world"));
        assertThat(chunks.get(6).get("id").asString()).isEqualTo(chunks.get(5).get("id").asString())
                .isNotEqualTo(chunks.get(1).get("id").asString());
    }

    @Test
    void toolCallsAndTheirResultsBecomeDynamicToolParts() {
        generation.text("Looking it up");
        generation.toolCall("call-1", "search", ChatJson.MAPPER.readTree("{\"q\":\"tides\"}"));
        generation.toolResult("call-1", ChatJson.MAPPER.readTree("{\"hits\":2}"));
        generation.toolCall("call-2", "fetch", ChatJson.MAPPER.readTree("{}"));
        generation.toolError("call-2", "timeout");
        generation.toolCall("call-3", "never", ChatJson.MAPPER.readTree("{}"));
        generation.finishStep();

        assertThat(generation.parts()).hasSize(5);
        assertThat(generation.parts().get(2)).isEqualTo(new ToolPart("search", "call-1", ToolPart.OUTPUT_AVAILABLE,
                ChatJson.MAPPER.readTree("{\"q\":\"tides\"}"), ChatJson.MAPPER.readTree("{\"hits\":2}"), null));
        assertThat(((ToolPart) generation.parts().get(3)).errorText()).isEqualTo("timeout");
        assertThat(((ToolPart) generation.parts().get(4)).state()).as("a call the generation outlived ends in error")
                .isEqualTo(ToolPart.OUTPUT_ERROR);
        assertThat(types()).containsSubsequence("text-end", "tool-input-start", "tool-input-available",
                "tool-output-available", "tool-output-error", "finish-step");
        chunks.stream().filter(c -> c.get("type").asString().startsWith("tool-input-s"))
                .forEach(c -> assertThat(c.get("dynamic").asBoolean()).isTrue());
    }

    @Test
    void nothingButStepMarkersIsNoGeneration() {
        generation.startStep();
        generation.text("");
        generation.finishStep();
        assertThat(generation.parts()).isEmpty();
        assertThat(types()).containsExactly("start-step", "finish-step");
    }
}
