package io.twobrains.command.chat;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How a node writes the chunks of its running generations to {@code chat.deltas}.
 *
 * @param flushInterval how long chunks wait to go out together: one record per partition carries every
 *                      generation's chunks of that moment, so ten thousand streams are a few records per
 *                      flush, not a record per token (followers on another node lag by at most this)
 */
@Validated
@ConfigurationProperties("twobrains.chat.deltas")
public record DeltaProperties(@DefaultValue("50ms") @NotNull Duration flushInterval) {
}
