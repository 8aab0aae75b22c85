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

class ReplyBuilderTest {

    private final List<ObjectNode> chunks = new ArrayList<>();
    private final ReplyBuilder reply = new ReplyBuilder(chunks::add);

    private List<String> types() {
        return chunks.stream().map(c -> c.get("type").asString()).toList();
    }

    @Test
    void whatIsStreamedIsExactlyWhatIsSaved() {
        reply.reasoning("Hm");
        reply.reasoning(", let me see");
        reply.text("Hello");
        reply.text(", world");
        reply.finishStep();

        assertThat(types()).containsExactly("start-step", "reasoning-start", "reasoning-delta", "reasoning-delta",
                "reasoning-end", "text-start", "text-delta", "text-delta", "text-end", "finish-step");
        assertThat(reply.parts()).containsExactly(new StepStartPart(), new ReasoningPart("Hm, let me see"),
                new TextPart("Hello, world"));
        assertThat(chunks.get(6).get("id").asString()).isEqualTo(chunks.get(5).get("id").asString())
                .isNotEqualTo(chunks.get(1).get("id").asString());
    }

    @Test
    void toolCallsAndTheirResultsBecomeDynamicToolParts() {
        reply.text("Looking it up");
        reply.toolCall("call-1", "search", ChatJson.MAPPER.readTree("{\"q\":\"tides\"}"));
        reply.toolResult("call-1", ChatJson.MAPPER.readTree("{\"hits\":2}"));
        reply.toolCall("call-2", "fetch", ChatJson.MAPPER.readTree("{}"));
        reply.toolError("call-2", "timeout");
        reply.toolCall("call-3", "never", ChatJson.MAPPER.readTree("{}"));
        reply.finishStep();

        assertThat(reply.parts()).hasSize(5);
        assertThat(reply.parts().get(2)).isEqualTo(new ToolPart("search", "call-1", ToolPart.OUTPUT_AVAILABLE,
                ChatJson.MAPPER.readTree("{\"q\":\"tides\"}"), ChatJson.MAPPER.readTree("{\"hits\":2}"), null));
        assertThat(((ToolPart) reply.parts().get(3)).errorText()).isEqualTo("timeout");
        assertThat(((ToolPart) reply.parts().get(4)).state()).as("a call the reply outlived ends in error")
                .isEqualTo(ToolPart.OUTPUT_ERROR);
        assertThat(types()).containsSubsequence("text-end", "tool-input-start", "tool-input-available",
                "tool-output-available", "tool-output-error", "finish-step");
        chunks.stream().filter(c -> c.get("type").asString().startsWith("tool-input-s"))
                .forEach(c -> assertThat(c.get("dynamic").asBoolean()).isTrue());
    }

    @Test
    void nothingButStepMarkersIsNoReply() {
        reply.startStep();
        reply.text("");
        reply.finishStep();
        assertThat(reply.parts()).isEmpty();
        assertThat(types()).containsExactly("start-step", "finish-step");
    }
}
