package io.twobrains.command.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.twobrains.crypto.ContentKeys;
import io.twobrains.contract.command.EraseUser;
import io.twobrains.service.security.ChatUser;
import io.twobrains.service.web.ChatHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Deleting an account erases everything of the user, in both brains, and destroys the user's data key,
 * so the content sealed with it is unreadable in every copy of the log. The key goes once the erasure
 * is saved; an answer other than 202 means the client should ask again (erasing twice is harmless).
 */
@Tag(name = "account")
@RestController
@RequestMapping("/api/account")
class AccountCommandController {

    private final CommandSender commands;
    private final ContentKeys keys;

    AccountCommandController(CommandSender commands, ContentKeys keys) {
        this.commands = commands;
        this.keys = keys;
    }

    @Operation(summary = "Erase the account (202): the per-user state at once, the global tables as the projector folds the erasure")
    @DeleteMapping
    Mono<ResponseEntity<Object>> erase(ChatUser user,
            @RequestHeader(value = ChatHeaders.IDEMPOTENCY_KEY, required = false) String key, ServerHttpRequest request) {
        CommandIds.Identity identity = CommandIds.of(user.id(), key, "DELETE", request.getPath().value(), null);
        return commands.send(user, identity, new EraseUser(), HttpStatus.ACCEPTED, reply -> null)
                .flatMap(answer -> answer.getStatusCode().is2xxSuccessful()
                        ? keys.destroy(user.id()).thenReturn(answer)
                        : Mono.just(answer));
    }
}
