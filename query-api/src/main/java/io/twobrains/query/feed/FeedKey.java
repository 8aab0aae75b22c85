package io.twobrains.query.feed;

import io.twobrains.contract.content.ContentCipher;
import io.twobrains.contract.event.UserErased;
import io.twobrains.processor.feed.FeedItem;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * The user's key for one live feed. Until the user has a stored key, it is looked up for each event: a
 * feed opened before the user's first write (a new user's first page) must not keep the stand-in of a
 * user with none, or it would read every title and message written after as unreadable. Once a stored
 * key is found, the feed keeps it, and no event costs a look-up. The user's erasure destroys that key
 * (and a user who comes back gets a new one), so once it passes in the feed, the feed keeps none again.
 */
final class FeedKey {

    private final String userId;
    private final Function<String, Mono<ContentCipher>> stored;
    private final Function<String, ContentCipher> standIn;
    private volatile ContentCipher kept;
    private volatile boolean erased;

    /**
     * @param stored  the user's stored key, empty if there is none ({@code ContentKeys::stored})
     * @param standIn the key of a user with none ({@code ContentKeys::standIn})
     */
    FeedKey(String userId, Function<String, Mono<ContentCipher>> stored, Function<String, ContentCipher> standIn) {
        this.userId = userId;
        this.stored = stored;
        this.standIn = standIn;
    }

    /** The key to open this item with. The feed asks for one item at a time ({@code concatMap}). */
    Mono<ContentCipher> forItem(FeedItem item) {
        if (item instanceof FeedItem.Committed committed && committed.event().payload() instanceof UserErased) {
            kept = null;
            erased = true;
        }
        if (kept != null) {
            return Mono.just(kept);
        }
        return stored.apply(userId)
                .doOnNext(cipher -> {
                    if (!erased) {
                        kept = cipher;
                    }
                })
                .switchIfEmpty(Mono.fromSupplier(() -> standIn.apply(userId)));
    }
}
