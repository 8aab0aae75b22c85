package io.twobrains.command.chat;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How a node stops while replies run on it.
 *
 * @param drainTimeout how long a stopping node waits for its running replies to finish and be saved
 *                     (new chats meanwhile get 503); a reply still running then is cut off as before
 */
@Validated
@ConfigurationProperties("twobrains.chat")
public record DrainProperties(@DefaultValue("20s") @NotNull Duration drainTimeout) {
}
