package io.twobrains.command.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.twobrains.contract.message.Part;
import io.twobrains.contract.message.ReasoningPart;
import io.twobrains.contract.message.Role;
import io.twobrains.contract.message.TextPart;
import io.twobrains.contract.model.Model;
import io.twobrains.contract.model.ModelCatalog;
import io.twobrains.contract.view.MessageView;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.MessageType;

class PromptHistoryTest {

    private static final Model DEMO = ModelCatalog.builtIn().find("demo").orElseThrow();

    private static MessageView message(int i, Role role, List<Part> parts) {
        return new MessageView("m" + i, role, parts, Instant.EPOCH);
    }

    @Test
    void aLongHistoryIsCutFromTheOldestToFitTheModelsWindow() {
        List<MessageView> history = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            history.add(message(i, i % 2 == 0 ? Role.USER : Role.ASSISTANT, List.of(new TextPart(i + ":" + "x".repeat(500)))));
        }
        List<Message> prompt = PromptHistory.of(history, DEMO, LocalDate.of(2026, 11, 27));

        long budget = (DEMO.contextWindow() - DEMO.maxOutput()) * 3;
        assertThat(prompt.get(0).getMessageType()).isEqualTo(MessageType.SYSTEM);
        assertThat(prompt.subList(1, prompt.size()).stream().mapToInt(m -> m.getText().length()).sum()).isLessThanOrEqualTo((int) budget);
        assertThat(prompt.size()).isLessThan(400).isGreaterThan(10);
        assertThat(prompt.get(prompt.size() - 1).getText()).startsWith("399:");
        assertThat(prompt.get(1).getText()).startsWith((400 - (prompt.size() - 1)) + ":");
    }

    @Test
    void reasoningIsNotSentBackAndEmptyMessagesAreSkipped() {
        List<Message> prompt = PromptHistory.of(List.of(
                message(1, Role.USER, List.of(new TextPart("hi"))),
                message(2, Role.ASSISTANT, List.of(new ReasoningPart("secret thoughts"), new TextPart("hello"))),
                message(3, Role.ASSISTANT, List.of(new ReasoningPart("only thoughts")))), DEMO, LocalDate.EPOCH);
        assertThat(prompt).hasSize(3);
        assertThat(prompt.get(2).getText()).isEqualTo("hello");
    }
}
