package io.twobrains.command.chat;

import io.twobrains.command.chat.provider.DemoChatModel;
import io.twobrains.command.kafka.CommandBus;
import io.twobrains.contract.command.CommandEnvelope;
import io.twobrains.contract.command.TitleConversation;
import io.twobrains.contract.content.CommandContent;
import io.twobrains.contract.content.ContentCipher;
import io.twobrains.contract.view.ChatContextView;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A short title for a new conversation, asked of the model that answered its first message (or its first
 * words, if that fails), once the first generation has ended. Best effort: a conversation without one
 * keeps none.
 */
@Component
class ConversationTitler {

    private static final Logger LOG = LoggerFactory.getLogger(ConversationTitler.class);

    private final ModelGateway gateway;
    private final CommandBus bus;
    private final Clock clock;

    ConversationTitler(ModelGateway gateway, CommandBus bus, Clock clock) {
        this.gateway = gateway;
        this.bus = bus;
        this.clock = clock;
    }

    /** Titles the conversation in the background, sealed with the user's key. */
    void title(String userId, Target target, ChatContextView context, String conversationId, String userText,
            ContentCipher cipher) {
        String ask = "Write a title of 2 to 6 words, at most 80 characters, for a chat that begins with the message"
                + " below. Answer with the title only.\n" + userText;
        gateway.call(userId, target, List.of(new UserMessage(ask)), context)
                .timeout(Duration.ofSeconds(30))
                .map(ConversationTitler::cleanTitle)
                .onErrorResume(error -> Mono.just(""))
                .map(title -> title.isBlank() ? DemoChatModel.title(userText) : title)
                // The id comes from the conversation alone: an id derived from the title would be a hash of content.
                .flatMap(title -> bus.send(new CommandEnvelope(UUID.nameUUIDFromBytes(("title\n" + userId + "\n"
                        + conversationId).getBytes(StandardCharsets.UTF_8)), userId, clock.instant(),
                        CommandContent.seal(cipher, new TitleConversation(conversationId, title)), null)))
                .subscribe(reply -> { }, error -> LOG.debug("no title for {}: {}", conversationId, error.toString()));
    }

    /** A model's title, cleaned into one the content rules take. */
    static String cleanTitle(String raw) {
        String title = raw.replaceAll("\\p{Cc}", " ").strip()
                .replaceAll("^[\"'“”«»*#\\s]+|[\"'“”«»*.\\s]+$", "").replaceAll("\\s+", " ");
        if (title.length() > 80) {
            title = title.substring(0, 80).strip();
        }
        return title;
    }
}
