package io.twobrains.contract.event;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.twobrains.contract.Nullable;
import io.twobrains.contract.generation.LimitType;
import java.time.Instant;

/** A refused command. It takes a seq, so the log shows every outcome, but it changes no state. */
@JsonClassDescription("A command was refused; nothing changed. It takes a seq so the log records every outcome.")
@SchemaVersion(1)
public record CommandRejected(
        @JsonPropertyDescription("The type of the refused command.") String commandType,
        @JsonPropertyDescription("Why it was refused.") RejectionCode code,
        @JsonPropertyDescription("A readable explanation.") String reason,
        @JsonPropertyDescription("For LIMIT_REACHED: which quota.") @Nullable LimitType limitType,
        @JsonPropertyDescription("For LIMIT_REACHED: when the quota resets.") @Nullable Instant resetsAt)
        implements Event {

    public CommandRejected(String commandType, RejectionCode code, String reason) {
        this(commandType, code, reason, null, null);
    }

    @Override
    public <R> R accept(Event.Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
