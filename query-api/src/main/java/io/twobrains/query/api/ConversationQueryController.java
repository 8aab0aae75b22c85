package io.twobrains.query.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.twobrains.contract.ContentRules;
import io.twobrains.contract.view.ConversationView;
import io.twobrains.contract.view.Page;
import io.twobrains.processor.ProcessorProperties;
import io.twobrains.processor.kafka.UserLocator;
import io.twobrains.processor.store.ChatReader;
import io.twobrains.processor.store.Cursors;
import io.twobrains.service.problem.ApiProblem;
import io.twobrains.service.security.ChatUser;
import io.twobrains.service.web.ChatHeaders;
import io.twobrains.service.web.SeqWait;
import java.time.Duration;
import java.util.function.Function;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Reads of conversations and messages, from the per-user brain's store on this node: a request for a
 * user reaches the node that holds the user's partition (the node sends it there), so a read is a
 * range scan of a local store, and a page of history is written from the stored bytes of its messages.
 */
@Tag(name = "conversations", description = "Read side: send X-Chat-Min-Seq to read your own writes")
@RestController
@RequestMapping("/api/conversations")
class ConversationQueryController {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    private final UserLocator locator;
    private final Duration readWait;

    ConversationQueryController(UserLocator locator, ProcessorProperties properties) {
        this.locator = locator;
        this.readWait = properties.readWait();
    }

    @Operation(summary = "The caller's conversations, most recently updated first: {items, nextCursor}")
    @GetMapping
    Mono<ResponseEntity<Page<ConversationView>>> list(ChatUser user,
            @Parameter(description = "1 to 200, default 50") @RequestParam(required = false) Integer limit,
            @Parameter(description = "nextCursor of the previous page") @RequestParam(required = false) String cursor,
            @Parameter(description = "wait until this seq is applied") @RequestHeader(value = ChatHeaders.MIN_SEQ, required = false) String minSeq) {
        int size = limit(limit);
        return read(user, minSeq, reader -> reader.conversations(user.id(), size, blankToNull(cursor)));
    }

    @Operation(summary = "One conversation", responses = {
            @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ConversationView.class))),
            @ApiResponse(responseCode = "404", description = "unknown, or another user's")})
    @GetMapping("/{id}")
    Mono<ResponseEntity<ConversationView>> get(ChatUser user, @PathVariable String id,
            @RequestHeader(value = ChatHeaders.MIN_SEQ, required = false) String minSeq) {
        checkId(id);
        return read(user, minSeq, reader -> reader.conversation(user.id(), id).map(c -> c.view())
                .orElseThrow(() -> notFound(id)));
    }

    @Operation(summary = "A page of messages: the newest page first, oldest-to-newest within it; nextCursor leads to older pages",
            responses = @ApiResponse(responseCode = "200", description = "{items: [{id, role, parts, createdAt}], nextCursor}"))
    @GetMapping(value = "/{id}/messages", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> messages(ChatUser user, @PathVariable String id,
            @Parameter(description = "1 to 200, default 50") @RequestParam(required = false) Integer limit,
            @Parameter(description = "nextCursor of the previous page") @RequestParam(required = false) String before,
            @RequestHeader(value = ChatHeaders.MIN_SEQ, required = false) String minSeq) {
        checkId(id);
        int size = limit(limit);
        return read(user, minSeq, reader -> reader.messagesJson(user.id(), id, size, blankToNull(before))
                .orElseThrow(() -> notFound(id)).toJson());
    }

    /**
     * Answers from this node's store once it has applied {@code X-Chat-Min-Seq} (waiting up to the read
     * wait), with the seq it reflects. The store is read on the request's own thread: a page is one
     * short range scan of local memory or disk.
     */
    private <T> Mono<ResponseEntity<T>> read(ChatUser user, String minSeqHeader, Function<ChatReader, T> query) {
        long minSeq = ChatHeaders.minSeq(minSeqHeader).orElse(0L);
        return Mono.defer(() -> {
                    ChatReader reader = locator.here(user.id()).orElseThrow(ConversationQueryController::moving);
                    return SeqWait.until(Mono.fromCallable(() -> reader.user(user.id()).seq()), minSeq, readWait)
                            .map(seq -> ResponseEntity.ok().header(ChatHeaders.SEQ, Long.toString(seq))
                                    .body(query.apply(reader)));
                })
                .onErrorMap(InvalidStateStoreException.class, e -> moving())
                .onErrorMap(Cursors.InvalidCursorException.class, e -> ApiProblem.badRequest(e.getMessage()));
    }

    private static ApiProblem moving() {
        return ApiProblem.unavailable("the user's partition is moving between nodes; retry shortly", 1);
    }

    private static ApiProblem notFound(String id) {
        return ApiProblem.notFound("conversation " + id + " not found");
    }

    private static void checkId(String id) {
        ContentRules.validId("conversation id", id).ifPresent(detail -> {
            throw ApiProblem.badRequest(detail);
        });
    }

    private static int limit(Integer limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiProblem.badRequest("limit must be between 1 and " + MAX_LIMIT);
        }
        return limit;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
