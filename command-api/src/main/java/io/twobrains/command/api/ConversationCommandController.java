package io.twobrains.command.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.twobrains.contract.MessageIds;
import io.twobrains.contract.command.AppendMessage;
import io.twobrains.contract.command.DeleteConversation;
import io.twobrains.contract.command.RenameConversation;
import io.twobrains.contract.command.StartConversation;
import io.twobrains.contract.reply.Reply;
import io.twobrains.contract.view.MessageView;
import io.twobrains.service.security.ChatUser;
import io.twobrains.service.web.ChatHeaders;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Writes to conversations and messages. Each request is checked, becomes one command on the user's
 * partition, and is answered with the processor's outcome and the user's seq after it.
 */
@Tag(name = "conversations", description = "Write side: every answer carries X-Chat-Seq")
@RestController
@RequestMapping("/api/conversations")
class ConversationCommandController {

    private final CommandSender commands;

    ConversationCommandController(CommandSender commands) {
        this.commands = commands;
    }

    @Operation(summary = "Start a conversation (201), or 409 if the id is taken")
    @PostMapping
    Mono<ResponseEntity<Object>> start(ChatUser user, @RequestBody(required = false) Requests.CreateConversation body,
            @Parameter(description = "makes retries safe") @RequestHeader(value = ChatHeaders.IDEMPOTENCY_KEY, required = false) String key,
            ServerHttpRequest request) {
        Requests.CreateConversation create = body == null ? new Requests.CreateConversation(null, null) : body;
        RequestRules.create(create);
        CommandIds.Identity identity = CommandIds.of(user.id(), key, "POST", request.getPath().value(), create);
        String id = create.id() == null ? identity.newResourceId() : create.id();
        return commands.send(user, identity, new StartConversation(id, create.title()), HttpStatus.CREATED, Reply::conversation)
                .map(answer -> answer.getStatusCode().is2xxSuccessful()
                        ? ResponseEntity.status(answer.getStatusCode()).headers(answer.getHeaders())
                                .location(URI.create("/api/conversations/" + id)).body(answer.getBody())
                        : answer);
    }

    @Operation(summary = "Rename a conversation (200), or 404")
    @PatchMapping("/{id}")
    Mono<ResponseEntity<Object>> rename(ChatUser user, @PathVariable String id, @RequestBody Requests.RenameConversation body,
            @RequestHeader(value = ChatHeaders.IDEMPOTENCY_KEY, required = false) String key, ServerHttpRequest request) {
        RequestRules.conversationId(id);
        RequestRules.rename(body);
        CommandIds.Identity identity = CommandIds.of(user.id(), key, "PATCH", request.getPath().value(), body);
        return commands.send(user, identity, new RenameConversation(id, body.title()), HttpStatus.OK, Reply::conversation);
    }

    @Operation(summary = "Delete a conversation and its messages (204), or 404")
    @DeleteMapping("/{id}")
    Mono<ResponseEntity<Object>> delete(ChatUser user, @PathVariable String id,
            @RequestHeader(value = ChatHeaders.IDEMPOTENCY_KEY, required = false) String key, ServerHttpRequest request) {
        RequestRules.conversationId(id);
        CommandIds.Identity identity = CommandIds.of(user.id(), key, "DELETE", request.getPath().value(), null);
        return commands.send(user, identity, new DeleteConversation(id), HttpStatus.NO_CONTENT, reply -> null);
    }

    @Operation(summary = "Append a message (201), or 404 if the conversation does not exist")
    @PostMapping("/{id}/messages")
    Mono<ResponseEntity<Object>> append(ChatUser user, @PathVariable String id, @RequestBody Requests.AppendMessage body,
            @RequestHeader(value = ChatHeaders.IDEMPOTENCY_KEY, required = false) String key, ServerHttpRequest request) {
        RequestRules.conversationId(id);
        RequestRules.append(body);
        CommandIds.Identity identity = CommandIds.of(user.id(), key, "POST", request.getPath().value(), body);
        String messageId = body.id() == null ? MessageIds.minted(identity.newResourceId()) : body.id();
        // The answer echoes the request's parts: a stored outcome (a retry's answer) keeps no message text.
        return commands.send(user, identity, new AppendMessage(id, messageId, body.role(), body.parts()), HttpStatus.CREATED,
                reply -> new MessageView(reply.message().id(), reply.message().role(), body.parts(),
                        reply.message().createdAt()));
    }

}
