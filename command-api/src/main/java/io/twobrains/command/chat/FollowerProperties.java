package io.twobrains.command.chat;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How many followers of replies ({@code GET /api/chat/{id}/stream}) one user may have open at once.
 * Each holds a stream (and, for a reply running elsewhere, a consumer of {@code chat.deltas}) for as
 * long as the reply runs, so without a cap one user could hold a node's connections and threads.
 *
 * @param maxFollowersPerUser followers one user may have open at once; one beyond gets 429
 */
@Validated
@ConfigurationProperties("twobrains.chat")
public record FollowerProperties(@DefaultValue("8") @Min(1) int maxFollowersPerUser) {
}
