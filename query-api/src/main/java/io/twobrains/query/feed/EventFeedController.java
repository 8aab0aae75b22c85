package io.twobrains.query.feed;

import io.twobrains.crypto.ContentKeys;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.twobrains.contract.event.EventEnvelope;
import io.twobrains.contract.json.ChatJson;
import io.twobrains.processor.feed.FeedItem;
import io.twobrains.processor.feed.UserFeed;
import io.twobrains.processor.kafka.UserLocator;
import io.twobrains.processor.store.ChatReader;
import io.twobrains.service.problem.ApiProblem;
import io.twobrains.service.security.ChatUser;
import java.time.Duration;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;

/**
 * The caller's own changes, live, as server-sent events: every tab and device of a user sees a new
 * conversation, a rename, a deletion, a message or a reply starting in another. Each event's id is
 * the user's seq; a client that reconnects sends the last one it saw ({@code Last-Event-ID}, as
 * browsers do by themselves) and gets what it missed, or a {@code resync} event when that is not
 * kept any more (then it reads its lists again). A comment every 20 s keeps idle connections open.
 */
@Tag(name = "events", description = "The caller's own changes, live (server-sent events)")
@RestController
class EventFeedController {

    private static final Duration KEEP_ALIVE = Duration.ofSeconds(20);

    private final UserLocator locator;
    private final UserFeed feed;
    private final ContentKeys keys;

    EventFeedController(UserLocator locator, UserFeed feed, ContentKeys keys) {
        this.locator = locator;
        this.feed = feed;
        this.keys = keys;
    }

    @Operation(summary = "The caller's changes from now on (or since Last-Event-ID), as server-sent events")
    @GetMapping(value = "/api/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<String>> events(ChatUser user,
            @Parameter(description = "the seq of the last event seen") @RequestHeader(value = "Last-Event-ID", required = false)
            String lastEventId) {
        Long lastSeen = lastSeen(lastEventId);
        ChatReader reader = locator.here(user.id()).orElseThrow(() -> ApiProblem.unavailable(
                "your data is moving between nodes; retry shortly", 1));
        long seq = reader.user(user.id()).seq();
        // Looked up for each event until the user has a stored key, then kept (FeedKey says why).
        FeedKey key = new FeedKey(user.id(), keys::stored, ContentKeys::standIn);
        Flux<ServerSentEvent<String>> items = feed.follow(user.id(), lastSeen, seq)
                .concatMap(item -> key.forItem(item).map(FeedEvents::new)
                        .flatMapIterable(events -> event(events, item).stream().toList()));
        Flux<ServerSentEvent<String>> keepAlive = Flux.interval(KEEP_ALIVE)
                .map(tick -> ServerSentEvent.<String>builder().comment("keep-alive").build());
        return Flux.merge(items, keepAlive);
    }

    private static java.util.Optional<ServerSentEvent<String>> event(FeedEvents events, FeedItem item) {
        if (item instanceof FeedItem.Resync resync) {
            return java.util.Optional.of(ServerSentEvent.builder("{\"seq\":" + resync.seq() + "}")
                    .id(Long.toString(resync.seq())).event("resync").build());
        }
        EventEnvelope event = ((FeedItem.Committed) item).event();
        return events.view(event.payload()).map(view -> ServerSentEvent
                .builder(ChatJson.MAPPER.writeValueAsString(view.put("seq", event.seq())
                        .put("occurredAt", event.occurredAt().toString())))
                .id(Long.toString(event.seq())).event(event.type()).build());
    }

    private static Long lastSeen(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            long seq = Long.parseLong(header.trim());
            if (seq < 0) {
                throw new NumberFormatException();
            }
            return seq;
        } catch (NumberFormatException e) {
            throw ApiProblem.badRequest("Last-Event-ID must be a seq (a non-negative integer)");
        }
    }
}
