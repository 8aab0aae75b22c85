package io.twobrains.command.api;

import io.twobrains.command.kafka.CommandBus;
import io.twobrains.contract.command.Command;
import io.twobrains.contract.command.CommandEnvelope;
import io.twobrains.contract.reply.Reply;
import io.twobrains.service.security.ChatUser;
import java.time.Clock;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Sends one command for the caller and turns the processor's reply into the HTTP answer. */
@Component
class CommandSender {

    private final CommandBus bus;
    private final Clock clock;

    CommandSender(CommandBus bus, Clock clock) {
        this.bus = bus;
        this.clock = clock;
    }

    Mono<ResponseEntity<Object>> send(ChatUser user, CommandIds.Identity identity, Command command, HttpStatus success,
            Function<Reply, Object> body) {
        CommandEnvelope envelope = new CommandEnvelope(identity.commandId(), user.id(), clock.instant(), command,
                identity.fingerprint());
        return bus.send(envelope).map(reply -> Answers.of(reply, success, body));
    }
}
