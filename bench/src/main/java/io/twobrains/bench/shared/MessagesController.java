package io.twobrains.bench.shared;

import io.twobrains.contract.ContentRules;
import io.twobrains.contract.message.Part;
import io.twobrains.contract.message.Role;
import io.twobrains.contract.view.MessageView;
import io.twobrains.contract.view.Page;
import io.twobrains.service.problem.ApiProblem;
import io.twobrains.service.security.ChatUser;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The two endpoints of twobrains that the bench compares, with the same paths, bodies and answers:
 * an append is one INSERT (the user from the token's {@code sub}), a page one indexed SELECT.
 * {@value #SYNCHRONOUS_COMMIT}: off sends an append through the pool with synchronous_commit off.
 */
@RestController
@RequestMapping("/api/conversations")
class MessagesController {

    static final String SYNCHRONOUS_COMMIT = "X-Bench-Synchronous-Commit";

    /** {@code POST /api/conversations/{id}/messages}, shaped like an AI SDK UIMessage, as twobrains takes it. */
    record AppendMessage(String id, Role role, List<Part> parts) {
    }

    private final SharedMessages messages;

    MessagesController(SharedMessages messages) {
        this.messages = messages;
    }

    @PostMapping("/{id}/messages")
    Mono<ResponseEntity<MessageView>> append(ChatUser user, @PathVariable String id, @RequestBody AppendMessage body,
            @RequestHeader(value = SYNCHRONOUS_COMMIT, defaultValue = "on") String synchronousCommit) {
        require(ContentRules.first(ContentRules.validId("conversation id", id),
                body.id() == null ? Optional.empty() : ContentRules.validId("message id", body.id()),
                body.role() == null ? Optional.of("role is required") : Optional.empty(),
                ContentRules.partsFit(body.parts())));
        String messageId = body.id() == null ? UUID.randomUUID().toString() : body.id();
        return messages.append(user.id(), id, messageId, body.role(), body.parts(), !"off".equals(synchronousCommit))
                .map(saved -> ResponseEntity.created(URI.create("/api/conversations/" + id + "/messages/" + messageId))
                        .body(saved));
    }

    @GetMapping("/{id}/messages")
    Mono<Page<MessageView>> page(ChatUser user, @PathVariable String id,
            @RequestParam(required = false, defaultValue = "50") int limit) {
        require(ContentRules.validId("conversation id", id));
        if (limit < 1 || limit > 200) {
            throw ApiProblem.badRequest("limit must be from 1 to 200");
        }
        return messages.newest(user.id(), id, limit).map(items -> new Page<>(items,
                items.size() < limit ? null : items.get(0).createdAt().toString()));
    }

    private static void require(Optional<String> violation) {
        violation.ifPresent(detail -> {
            throw ApiProblem.badRequest(detail);
        });
    }
}
