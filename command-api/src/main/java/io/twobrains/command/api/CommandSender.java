package io.twobrains.command.api;

import io.twobrains.command.kafka.CommandBus;
import io.twobrains.contract.command.Command;
import io.twobrains.contract.command.CommandEnvelope;
import io.twobrains.contract.content.CommandContent;
import io.twobrains.contract.content.SealedContent;
import io.twobrains.contract.ConversationScoped;
import io.twobrains.contract.reply.Reply;
import io.twobrains.crypto.ContentKeys;
import io.twobrains.service.security.ChatUser;
import java.time.Clock;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Sends one command for the caller and turns the processor's reply into the HTTP answer. A command
 * with content is sealed with the caller's data key first, and the content of the reply opened.
 */
@Component
class CommandSender {

    private final CommandBus bus;
    private final ContentKeys keys;
    private final Clock clock;

    CommandSender(CommandBus bus, ContentKeys keys, Clock clock) {
        this.bus = bus;
        this.keys = keys;
        this.clock = clock;
    }

    Mono<ResponseEntity<Object>> send(ChatUser user, CommandIds.Identity identity, Command command, HttpStatus success,
            Function<Reply, Object> body) {
        if (!CommandContent.carriesContent(command)) {
            return bus.send(envelope(user, identity, command)).map(reply -> Answers.of(reply, success, body));
        }
        String conversationId = command instanceof ConversationScoped scoped ? scoped.conversationId() : null;
        return keys.forWriting(user.id()).flatMap(cipher -> bus.send(envelope(user, identity,
                        CommandContent.seal(cipher, command)))
                .map(reply -> Answers.of(SealedContent.open(cipher, conversationId, reply), success, body)));
    }

    private CommandEnvelope envelope(ChatUser user, CommandIds.Identity identity, Command command) {
        return new CommandEnvelope(identity.commandId(), user.id(), clock.instant(), command, identity.fingerprint());
    }
}
