package io.twobrains.projector;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the projector.
 *
 * @param groupId   the consumer group that spreads the partitions over projector instances (offsets
 *                  live in Postgres, not in the group)
 * @param batchSize the most events one transaction folds
 * @param retryBackoff how long to wait before retrying a batch whose transaction failed
 * @param deadLetterTimeout how long a batch waits for {@code chat.dlq} to acknowledge its dead letters
 *                  before it fails (and is retried)
 */
@Validated
@ConfigurationProperties("twobrains.projector")
public record ProjectorProperties(
        @DefaultValue("twobrains-projector") @NotBlank String groupId,
        @DefaultValue("500") @Min(1) int batchSize,
        @DefaultValue("1s") @NotNull Duration retryBackoff,
        @DefaultValue("30s") @NotNull Duration deadLetterTimeout) {
}
