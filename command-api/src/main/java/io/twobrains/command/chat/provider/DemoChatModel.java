package io.twobrains.command.chat.provider;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.MessageType;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;
import reactor.core.publisher.Flux;

/**
 * The built-in model: offline, deterministic and clearly labelled, so the local stack answers with no
 * provider key. It streams word by word at a fixed pace, which also makes it a good subject for tests
 * of resume and stop; its "tokens" are words.
 */
public final class DemoChatModel implements ChatModel {

    static final String LABEL = "[demo model]";
    private static final int QUOTED = 200;

    private final Duration tokenDelay;

    public DemoChatModel(Duration tokenDelay) {
        this.tokenDelay = tokenDelay;
    }

    /** The whole answer to a prompt: what {@link #stream} sends, word by word. */
    public static String answer(Prompt prompt) {
        String question = lastUserText(prompt.getInstructions());
        if (question.startsWith("Write a title")) {
            return title(question.substring(question.indexOf('\n') + 1));
        }
        String quoted = question.length() > QUOTED ? question.substring(0, QUOTED) + "…" : question;
        long earlier = prompt.getInstructions().stream().filter(m -> m.getMessageType() == MessageType.USER).count() - 1;
        return LABEL + " This is twobrains' built-in demo model, answering offline. You said: \"" + quoted.strip()
                + "\". It is message " + (earlier + 1) + " of this conversation. Configure a provider, or add your own"
                + " key in settings, to talk to a real model.";
    }

    /** A title from the first words of the text: 2 to 6 words, at most 80 characters. */
    public static String title(String text) {
        String[] words = text.strip().split("\\s+");
        StringBuilder title = new StringBuilder();
        for (int i = 0; i < Math.min(6, words.length); i++) {
            String word = words[i].replaceAll("[^\\p{L}\\p{N}'-]", "");
            if (!word.isEmpty() && title.length() + word.length() + 1 <= 80) {
                title.append(title.length() == 0 ? "" : " ").append(word);
            }
        }
        return title.length() == 0 ? "New chat" : title.toString();
    }

    @Override
    public ChatResponse call(Prompt prompt) {
        String text = answer(prompt);
        return response(text, usage(prompt, text), "STOP");
    }

    @Override
    public Flux<ChatResponse> stream(Prompt prompt) {
        String text = answer(prompt);
        List<String> words = words(text);
        Flux<ChatResponse> deltas = Flux.fromIterable(words).map(word -> response(word, null, null));
        Flux<ChatResponse> paced = tokenDelay.isZero() ? deltas : deltas.delayElements(tokenDelay);
        return paced.concatWith(Flux.just(response("", usage(prompt, text), "STOP")));
    }

    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == ' ') {
                words.add(text.substring(start, i));
                start = i;
            }
        }
        return words;
    }

    private static DefaultUsage usage(Prompt prompt, String answer) {
        int input = prompt.getInstructions().stream().mapToInt(m -> words(m.getText() == null ? "" : m.getText()).size()).sum();
        return new DefaultUsage(input, words(answer).size());
    }

    private static ChatResponse response(String text, DefaultUsage usage, String finishReason) {
        ChatGenerationMetadata metadata = finishReason == null ? ChatGenerationMetadata.NULL
                : ChatGenerationMetadata.builder().finishReason(finishReason).build();
        Generation generation = new Generation(new AssistantMessage(text), metadata);
        ChatResponseMetadata.Builder responseMetadata = ChatResponseMetadata.builder().model("demo");
        if (usage != null) {
            responseMetadata.usage(usage);
        }
        return new ChatResponse(List.of(generation), responseMetadata.build());
    }

    private static String lastUserText(List<Message> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).getMessageType() == MessageType.USER) {
                return messages.get(i).getText() == null ? "" : messages.get(i).getText();
            }
        }
        return "";
    }
}
