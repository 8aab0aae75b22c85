package io.twobrains.processor.feed;

import io.twobrains.contract.event.EventEnvelope;

/** What a user's live feed sends: a committed event, or word that some were missed. */
public sealed interface FeedItem {

    /** A committed event of the user. */
    record Committed(EventEnvelope event) implements FeedItem {
    }

    /**
     * The feed cannot say what happened since the client's last event (it was away too long): the
     * client reads its lists again. {@code seq} is where the user stands now.
     */
    record Resync(long seq) implements FeedItem {
    }
}
