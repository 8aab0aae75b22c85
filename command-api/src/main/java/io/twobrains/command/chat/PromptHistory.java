package io.twobrains.command.chat;

import io.twobrains.contract.message.Part;
import io.twobrains.contract.message.Role;
import io.twobrains.contract.message.TextPart;
import io.twobrains.contract.message.ToolPart;
import io.twobrains.contract.model.Model;
import io.twobrains.contract.view.MessageView;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;

/**
 * The prompt of a generation: a short system message, then the newest history that fits the model's
 * window (about 3 characters a token, leaving room for the generation). Tool calls of earlier generations are
 * carried as text, so any provider can read them; reasoning is not sent back.
 */
final class PromptHistory {

    private static final int CHARS_PER_TOKEN = 3;

    private PromptHistory() {
    }

    static List<Message> of(List<MessageView> history, Model model, LocalDate today) {
        long budget = budgetChars(model);
        Deque<Message> kept = new ArrayDeque<>();
        for (int i = history.size() - 1; i >= 0; i--) {
            MessageView view = history.get(i);
            String text = render(view.parts());
            if (text.isBlank()) {
                continue;
            }
            budget -= text.length();
            if (budget < 0 && !kept.isEmpty()) {
                break;
            }
            kept.addFirst(switch (view.role()) {
                case USER -> new UserMessage(text);
                case ASSISTANT -> new AssistantMessage(text);
                case SYSTEM -> new SystemMessage(text);
            });
        }
        List<Message> prompt = new ArrayList<>(kept.size() + 1);
        prompt.add(new SystemMessage("You are the assistant of twobrains, a chat app. Answer in the user's language."
                + " Today is " + today + "."));
        prompt.addAll(kept);
        return prompt;
    }

    /** The characters of history a model's window holds, leaving room for its generation. */
    static long budgetChars(Model model) {
        return Math.max(2_000, (model.contextWindow() - model.maxOutput()) * CHARS_PER_TOKEN);
    }

    static String render(List<Part> parts) {
        return parts.stream().map(PromptHistory::render).filter(s -> !s.isEmpty()).collect(Collectors.joining("\n"));
    }

    private static String render(Part part) {
        if (part instanceof TextPart text) {
            return text.text();
        }
        if (part instanceof ToolPart tool) {
            String result = tool.output() != null ? tool.output().toString() : "error: " + tool.errorText();
            return "[tool " + tool.toolName() + " " + tool.input() + " -> " + result + "]";
        }
        return "";
    }

    /** The user's text of a message (titles). */
    static String userText(List<Part> parts) {
        return parts.stream().filter(TextPart.class::isInstance).map(p -> ((TextPart) p).text())
                .collect(Collectors.joining(" "));
    }

    static boolean isAssistant(MessageView message) {
        return message.role() == Role.ASSISTANT;
    }
}
