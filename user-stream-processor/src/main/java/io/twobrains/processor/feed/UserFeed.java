package io.twobrains.processor.feed;

import io.twobrains.contract.event.EventEnvelope;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Each user's committed events, live, for the user's own tabs and devices ({@code GET /api/events}).
 * The node that holds a user commits the user's events, and every request for the user reaches that
 * node, so the feed is in memory: the processor hands each committed event here on its stream thread
 * (which only appends and signals). A user with a follower, or one within the reconnect window after
 * the last follower left, keeps the last events, so a client that reconnects with the seq it last
 * saw gets what it missed; one that was away longer is told to read its lists again.
 */
public final class UserFeed {

    /** Events kept per user for a reconnect: a burst of a few turns. */
    static final int KEPT = 256;

    private final Duration reconnectWindow;
    private final Clock clock;
    private final Map<String, Channel> channels = new ConcurrentHashMap<>();

    /** One user's followers and last events. */
    private static final class Channel {
        final ArrayDeque<EventEnvelope> kept = new ArrayDeque<>();
        final List<Sinks.Many<FeedItem>> followers = new CopyOnWriteArrayList<>();
        long idleSince;
    }

    public UserFeed(Duration reconnectWindow, Clock clock) {
        this.reconnectWindow = reconnectWindow;
        this.clock = clock;
    }

    /** A committed event; nobody listening for its user costs one map lookup. */
    public void publish(EventEnvelope event) {
        Channel channel = channels.get(event.userId());
        if (channel == null) {
            return;
        }
        synchronized (channel) {
            channel.kept.addLast(event);
            if (channel.kept.size() > KEPT) {
                channel.kept.removeFirst();
            }
            for (Sinks.Many<FeedItem> follower : channel.followers) {
                follower.tryEmitNext(new FeedItem.Committed(event));
            }
        }
    }

    /**
     * The user's events from now on; with {@code lastSeen} (the seq the client last saw), first those
     * it missed, or a {@link FeedItem.Resync} if they are not all kept. {@code currentSeq} is the
     * user's seq in the store: when it equals {@code lastSeen}, nothing was missed.
     */
    public Flux<FeedItem> follow(String userId, Long lastSeen, long currentSeq) {
        Channel channel = channels.computeIfAbsent(userId, id -> new Channel());
        Sinks.Many<FeedItem> live = Sinks.many().unicast().onBackpressureBuffer();
        List<FeedItem> first = new ArrayList<>();
        synchronized (channel) {
            if (lastSeen != null && lastSeen < currentSeq) {
                boolean covered = !channel.kept.isEmpty() && channel.kept.peekFirst().seq() <= lastSeen + 1;
                if (covered) {
                    channel.kept.stream().filter(e -> e.seq() > lastSeen).forEach(e -> first.add(new FeedItem.Committed(e)));
                } else {
                    first.add(new FeedItem.Resync(currentSeq));
                }
            }
            channel.followers.add(live);
        }
        return Flux.fromIterable(first).concatWith(live.asFlux()).doFinally(signal -> leave(userId, channel, live));
    }

    private void leave(String userId, Channel channel, Sinks.Many<FeedItem> live) {
        synchronized (channel) {
            channel.followers.remove(live);
            if (channel.followers.isEmpty()) {
                channel.idleSince = clock.millis();
            }
        }
        forgetIdle();
    }

    /** Users nobody followed within the reconnect window keep nothing. */
    void forgetIdle() {
        long cutoff = clock.millis() - reconnectWindow.toMillis();
        channels.entrySet().removeIf(entry -> {
            Channel channel = entry.getValue();
            synchronized (channel) {
                return channel.followers.isEmpty() && channel.idleSince <= cutoff;
            }
        });
    }

    int users() {
        return channels.size();
    }
}
