package io.twobrains.command;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the write side.
 *
 * @param replyTimeout how long a write waits for the processor's outcome before answering 503
 *                     (the command may still be applied: a retry with the same Idempotency-Key is safe)
 * @param sendTimeout  how long a write may wait for the broker to take the command
 */
@Validated
@ConfigurationProperties("twobrains.command-api")
public record CommandApiProperties(
        @DefaultValue("10s") @NotNull Duration replyTimeout,
        @DefaultValue("5s") @NotNull Duration sendTimeout) {
}
