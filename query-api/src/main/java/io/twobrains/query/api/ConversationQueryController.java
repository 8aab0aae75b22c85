package io.twobrains.query.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.twobrains.contract.ContentRules;
import io.twobrains.contract.view.ConversationView;
import io.twobrains.query.QueryApiProperties;
import io.twobrains.service.problem.ApiProblem;
import io.twobrains.service.security.ChatUser;
import io.twobrains.service.web.ChatHeaders;
import io.twobrains.service.web.Relay;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads of conversations and messages. They are answered from the per-user processor's stores, by
 * whichever instance owns the caller's partition; the caller's token travels along, so the
 * processor checks the same identity.
 */
@Tag(name = "conversations", description = "Read side: send X-Chat-Min-Seq to read your own writes")
@RestController
@RequestMapping("/api/conversations")
class ConversationQueryController {

    private final Relay relay;
    private final QueryApiProperties properties;

    ConversationQueryController(Relay relay, QueryApiProperties properties) {
        this.relay = relay;
        this.properties = properties;
    }

    @Operation(summary = "The caller's conversations, most recently updated first: {items, nextCursor}")
    @GetMapping
    Mono<ResponseEntity<Flux<DataBuffer>>> list(ChatUser user,
            @Parameter(description = "1 to 200, default 50") @RequestParam(required = false) Integer limit,
            @Parameter(description = "nextCursor of the previous page") @RequestParam(required = false) String cursor,
            @Parameter(description = "wait until this seq is applied") @RequestHeader(value = ChatHeaders.MIN_SEQ, required = false) String minSeq,
            ServerWebExchange exchange) {
        return relay(exchange, "/internal/conversations");
    }

    @Operation(summary = "One conversation", responses = {
            @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ConversationView.class))),
            @ApiResponse(responseCode = "404", description = "unknown, or another user's")})
    @GetMapping("/{id}")
    Mono<ResponseEntity<Flux<DataBuffer>>> get(ChatUser user, @PathVariable String id,
            @RequestHeader(value = ChatHeaders.MIN_SEQ, required = false) String minSeq, ServerWebExchange exchange) {
        checkId(id);
        return relay(exchange, "/internal/conversations/" + id);
    }

    @Operation(summary = "A page of messages: the newest page first, oldest-to-newest within it; nextCursor leads to older pages")
    @GetMapping("/{id}/messages")
    Mono<ResponseEntity<Flux<DataBuffer>>> messages(ChatUser user, @PathVariable String id,
            @Parameter(description = "1 to 200, default 50") @RequestParam(required = false) Integer limit,
            @Parameter(description = "nextCursor of the previous page") @RequestParam(required = false) String before,
            @RequestHeader(value = ChatHeaders.MIN_SEQ, required = false) String minSeq, ServerWebExchange exchange) {
        checkId(id);
        return relay(exchange, "/internal/conversations/" + id + "/messages");
    }

    private static void checkId(String id) {
        ContentRules.validId("conversation id", id).ifPresent(detail -> {
            throw ApiProblem.badRequest(detail);
        });
    }

    private Mono<ResponseEntity<Flux<DataBuffer>>> relay(ServerWebExchange exchange, String path) {
        return relay.get(Relay.target(properties.processorUrl(), exchange, path), exchange, HttpHeaders.EMPTY);
    }
}
