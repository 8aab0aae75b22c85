package io.twobrains.processor.api;

import io.swagger.v3.oas.annotations.Operation;
import io.twobrains.contract.view.ConversationView;
import io.twobrains.processor.ProcessorProperties;
import io.twobrains.processor.kafka.UserLocator;
import io.twobrains.processor.store.ChatReader;
import io.twobrains.processor.store.Cursors;
import io.twobrains.service.problem.ApiProblem;
import io.twobrains.service.security.ChatUser;
import io.twobrains.service.web.ChatHeaders;
import io.twobrains.service.web.Relay;
import io.twobrains.service.web.SeqWait;
import java.net.URI;
import java.time.Duration;
import java.util.function.Function;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
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
import reactor.core.scheduler.Schedulers;

/**
 * Interactive queries over the user's own stores. The user is the token's subject; a user whose
 * partition lives on another instance is served by forwarding there with the same token.
 */
@RestController
@ConditionalOnWebApplication
@RequestMapping("/internal")
class ChatQueryController {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    private final UserLocator locator;
    private final Relay relay;
    private final Duration readWait;

    ChatQueryController(UserLocator locator, Relay relay, ProcessorProperties properties) {
        this.locator = locator;
        this.relay = relay;
        this.readWait = properties.readWait();
    }

    @Operation(summary = "The caller's conversations, most recently updated first")
    @GetMapping("/conversations")
    Mono<ResponseEntity<?>> conversations(ChatUser user, @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor, ServerWebExchange exchange) {
        int size = limit(limit);
        return read(user, exchange, reader -> reader.conversations(user.id(), size, blankToNull(cursor)));
    }

    @Operation(summary = "One conversation of the caller")
    @GetMapping("/conversations/{id}")
    Mono<ResponseEntity<?>> conversation(ChatUser user, @PathVariable String id, ServerWebExchange exchange) {
        return read(user, exchange, reader -> reader.conversation(user.id(), id)
                .map(c -> (ConversationView) c.view())
                .orElseThrow(() -> ApiProblem.notFound("conversation " + id + " not found")));
    }

    @Operation(summary = "A page of a conversation's messages: the newest first, oldest-to-newest within the page")
    @GetMapping("/conversations/{id}/messages")
    Mono<ResponseEntity<?>> messages(ChatUser user, @PathVariable String id, @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String before, ServerWebExchange exchange) {
        int size = limit(limit);
        return read(user, exchange, reader -> reader.messages(user.id(), id, size, blankToNull(before))
                .orElseThrow(() -> ApiProblem.notFound("conversation " + id + " not found")));
    }

    @Operation(summary = "What a reply in a conversation needs (internal: carries sealed secrets for the command API)")
    @GetMapping("/chat/{conversationId}/context")
    Mono<ResponseEntity<?>> chatContext(ChatUser user, @PathVariable String conversationId,
            @RequestParam(defaultValue = "400000") int maxChars, @RequestParam(defaultValue = "1000") int maxMessages,
            ServerWebExchange exchange) {
        if (maxChars < 1 || maxMessages < 1 || maxMessages > 10_000) {
            throw ApiProblem.badRequest("maxChars must be positive and maxMessages between 1 and 10000");
        }
        return read(user, exchange, reader -> reader.context(user.id(), conversationId, maxChars, maxMessages));
    }

    private <T> Mono<ResponseEntity<?>> read(ChatUser user, ServerWebExchange exchange, Function<ChatReader, T> query) {
        long minSeq = ChatHeaders.minSeq(exchange.getRequest().getHeaders().getFirst(ChatHeaders.MIN_SEQ)).orElse(0L);
        boolean forwarded = exchange.getRequest().getHeaders().containsHeader(ChatHeaders.FORWARDED);
        return Mono.fromCallable(() -> locator.locate(user.id()).orElseThrow(ChatQueryController::rebalancing))
                .flatMap(location -> {
                    if (location instanceof UserLocator.Location.Elsewhere elsewhere) {
                        if (forwarded) {
                            return Mono.error(rebalancing());
                        }
                        return forward(elsewhere, exchange);
                    }
                    ChatReader reader = ((UserLocator.Location.Here) location).reader();
                    return SeqWait.until(Mono.fromCallable(() -> reader.user(user.id()).seq()), minSeq, readWait)
                            .map(seq -> ResponseEntity.ok().header(ChatHeaders.SEQ, Long.toString(seq))
                                    .body((Object) query.apply(reader)));
                })
                .onErrorMap(InvalidStateStoreException.class, e -> rebalancing())
                .onErrorMap(Cursors.InvalidCursorException.class, e -> ApiProblem.badRequest(e.getMessage()))
                .subscribeOn(Schedulers.boundedElastic());
    }

    private Mono<ResponseEntity<?>> forward(UserLocator.Location.Elsewhere elsewhere, ServerWebExchange exchange) {
        URI base = URI.create("http://" + elsewhere.host().host() + ":" + elsewhere.host().port());
        HttpHeaders marker = new HttpHeaders();
        marker.set(ChatHeaders.FORWARDED, "1");
        Mono<ResponseEntity<Flux<DataBuffer>>> relayed =
                relay.get(Relay.target(base, exchange, exchange.getRequest().getPath().value()), exchange, marker);
        // The body is joined (a page is bounded): a Flux inside ResponseEntity<?> would be encoded as JSON.
        return relayed.flatMap(response -> DataBufferUtils.join(response.getBody())
                .map(body -> (ResponseEntity<?>) ResponseEntity.status(response.getStatusCode())
                        .headers(response.getHeaders()).body(body))
                .defaultIfEmpty(ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders()).build()));
    }

    private static ApiProblem rebalancing() {
        return ApiProblem.unavailable("the user's partition is moving between instances; retry shortly", 1);
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
