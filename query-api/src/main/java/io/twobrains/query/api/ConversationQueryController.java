package io.twobrains.query.api;

import io.twobrains.contract.content.ContentCipher;
import io.twobrains.contract.content.SealedContent;
import io.twobrains.crypto.ContentKeys;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.twobrains.contract.ContentRules;
import io.twobrains.contract.view.ConversationView;
import io.twobrains.contract.view.Page;
import io.twobrains.service.problem.ApiProblem;
import io.twobrains.service.security.ChatUser;
import io.twobrains.service.web.ChatHeaders;
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
 * Reads of conversations and messages, from the per-user brain's store on this node ({@link LocalReads});
 * a page of history is written from the stored bytes of its messages. Titles and messages are stored
 * sealed with the user's data key, and opened here ({@link OpenPages}).
 */
@Tag(name = "conversations", description = "Read side: send X-Chat-Min-Seq to read your own writes")
@RestController
@RequestMapping("/api/conversations")
class ConversationQueryController {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    private final LocalReads reads;
    private final ContentKeys keys;

    ConversationQueryController(LocalReads reads, ContentKeys keys) {
        this.reads = reads;
        this.keys = keys;
    }

    @Operation(summary = "The caller's conversations, most recently updated first: {items, nextCursor}")
    @GetMapping
    Mono<ResponseEntity<Page<ConversationView>>> list(ChatUser user,
            @Parameter(description = "1 to 200, default 50") @RequestParam(required = false) Integer limit,
            @Parameter(description = "nextCursor of the previous page") @RequestParam(required = false) String cursor,
            @Parameter(description = "wait until this seq is applied") @RequestHeader(value = ChatHeaders.MIN_SEQ, required = false) String minSeq) {
        int size = limit(limit);
        return reads.read(user.id(), minSeq, reader -> reader.conversations(user.id(), size, blankToNull(cursor)))
                .flatMap(read -> OpenPages.anySealed(read.getBody())
                        ? keys.forReading(user.id()).map(cipher -> withBody(read, OpenPages.conversations(cipher, read.getBody())))
                        : Mono.just(read));
    }

    @Operation(summary = "One conversation", responses = {
            @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ConversationView.class))),
            @ApiResponse(responseCode = "404", description = "unknown, or another user's")})
    @GetMapping("/{id}")
    Mono<ResponseEntity<ConversationView>> get(ChatUser user, @PathVariable String id,
            @RequestHeader(value = ChatHeaders.MIN_SEQ, required = false) String minSeq) {
        checkId(id);
        return reads.read(user.id(), minSeq, reader -> reader.conversation(user.id(), id).map(c -> c.view())
                        .orElseThrow(() -> notFound(id)))
                .flatMap(read -> ContentCipher.isSealed(read.getBody().title())
                        ? keys.forReading(user.id()).map(cipher -> withBody(read, SealedContent.open(cipher, read.getBody())))
                        : Mono.just(read));
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
        return reads.read(user.id(), minSeq, reader -> reader.messagesJson(user.id(), id, size, blankToNull(before))
                        .orElseThrow(() -> notFound(id)))
                .flatMap(read -> OpenPages.anySealed(read.getBody())
                        ? keys.forReading(user.id()).map(cipher -> withBody(read, OpenPages.messages(cipher, id, read.getBody())))
                        : Mono.just(withBody(read, read.getBody().toJson())));
    }

    /**
     * The same answer (status, seq header) with the page's content opened. The key is asked for only when
     * something on the page is sealed: a user whose history holds nothing sealed may have no key at all,
     * and the vault would be asked for it on every read.
     */
    private static <T> ResponseEntity<T> withBody(ResponseEntity<?> read, T body) {
        return ResponseEntity.status(read.getStatusCode()).headers(read.getHeaders()).body(body);
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
