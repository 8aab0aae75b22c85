package io.twobrains.command.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.twobrains.command.chat.ChatRequest;
import io.twobrains.command.chat.ChatService;
import io.twobrains.command.chat.GenerationRun;
import io.twobrains.contract.ContentRules;
import io.twobrains.contract.Limits;
import io.twobrains.contract.json.ChatJson;
import io.twobrains.service.problem.ApiProblem;
import io.twobrains.service.security.ChatUser;
import io.twobrains.service.web.ChatHeaders;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Completions in the AI SDK's UI message stream protocol, so an unmodified {@code useChat} works
 * against them: a turn ({@code POST /api/chat}), following a running reply from its start
 * ({@code GET /api/chat/{id}/stream}, what {@code resumeStream} calls), and stopping it.
 */
@Tag(name = "chat", description = "Streamed completions (AI SDK UI message stream v1)")
@RestController
@RequestMapping("/api/chat")
class ChatController {

    static final String STREAM_HEADER = "x-vercel-ai-ui-message-stream";
    private static final Duration STOP_WAIT = Duration.ofSeconds(15);

    private final ChatService chat;
    private final FollowerLimits followers;

    ChatController(ChatService chat, FollowerLimits followers) {
        this.chat = chat;
        this.followers = followers;
    }

    @Operation(summary = "Send a message (or regenerate a reply) and stream the reply as SSE")
    @PostMapping(produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Mono<ResponseEntity<Flux<ServerSentEvent<String>>>> chat(ChatUser user, ServerHttpRequest request,
            @RequestHeader(value = ChatHeaders.IDEMPOTENCY_KEY, required = false) String key) {
        return DataBufferUtils.join(request.getBody(), Limits.MAX_CHAT_BODY_BYTES)
                .onErrorMap(DataBufferLimitException.class, e -> tooLarge())
                .switchIfEmpty(Mono.error(() -> ApiProblem.badRequest("the body must be a JSON object {id, messages, trigger}")))
                .map(ChatController::json)
                .flatMap(body -> {
                    ChatRequest turn = ChatRequest.parse(body);
                    CommandIds.Identity identity = CommandIds.of(user.id(), key, "POST", "/api/chat", body);
                    return chat.chat(user, turn, identity);
                })
                .map(run -> stream(run.follow()));
    }

    @Operation(summary = "Follow the running reply of a conversation from its first chunk; 204 if none is running;"
            + " 429 beyond twobrains.chat.max-followers-per-user open at once")
    @GetMapping(value = "/{conversationId}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Mono<ResponseEntity<Flux<ServerSentEvent<String>>>> follow(ChatUser user, @PathVariable String conversationId) {
        ContentRules.validId("conversation id", conversationId).ifPresent(invalid -> {
            throw ApiProblem.badRequest(invalid);
        });
        FollowerLimits.Slot slot = followers.take(user.id());
        AtomicBoolean handedOver = new AtomicBoolean();
        // Here, from the run itself; else from chat.deltas, if it runs on another instance.
        // A run still registered here is followed here, also while it saves (it then ends the replay itself).
        Mono<Flux<String>> chunks = Mono.defer(() -> chat.running(user.id(), conversationId)
                .map(run -> Mono.just(run.follow()))
                .orElseGet(() -> chat.followElsewhere(user.id(), conversationId)));
        // The slot goes with the stream once there is one; without one (204, an error, a cancel) it goes back here.
        return chunks
                .map(flux -> {
                    handedOver.set(true);
                    return stream(flux.doFinally(signal -> slot.release()));
                })
                .defaultIfEmpty(ResponseEntity.noContent().build())
                .doFinally(signal -> {
                    if (!handedOver.get()) {
                        slot.release();
                    }
                });
    }

    @Operation(summary = "Stop the running reply of a conversation, keeping what was produced (204, also if none ran)")
    @PostMapping("/{conversationId}/stop")
    Mono<ResponseEntity<Void>> stop(ChatUser user, @PathVariable String conversationId) {
        ContentRules.validId("conversation id", conversationId).ifPresent(invalid -> {
            throw ApiProblem.badRequest(invalid);
        });
        // Answered once the partial reply is saved, so a read right after sees it.
        return chat.stop(user.id(), conversationId, STOP_WAIT)
                .then(Mono.just(ResponseEntity.noContent().<Void>build()));
    }

    private static ResponseEntity<Flux<ServerSentEvent<String>>> stream(Flux<String> chunks) {
        return ResponseEntity.ok()
                .contentType(MediaType.TEXT_EVENT_STREAM)
                .header(STREAM_HEADER, "v1")
                .header(HttpHeaders.CACHE_CONTROL, "no-cache")
                .header("X-Accel-Buffering", "no")
                .body(chunks.map(chunk -> ServerSentEvent.builder(chunk).build()));
    }

    /**
     * A body without a length, cut off at the limit: how much more would come is unknown, so the
     * connection closes after the answer rather than read the rest.
     */
    private static ApiProblem tooLarge() {
        ApiProblem problem = new ApiProblem(HttpStatus.CONTENT_TOO_LARGE,
                "the request body is larger than " + Limits.MAX_CHAT_BODY_BYTES / 1024 + " KiB");
        problem.getHeaders().set(HttpHeaders.CONNECTION, "close");
        return problem;
    }

    private static JsonNode json(DataBuffer buffer) {
        try {
            return ChatJson.MAPPER.readTree(buffer.asInputStream(true));
        } catch (JacksonException e) {
            throw ApiProblem.badRequest("the body is not valid JSON");
        }
    }
}
