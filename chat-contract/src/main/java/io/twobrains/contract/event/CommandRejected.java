package io.twobrains.contract.event;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A refused command. It takes a seq, so the log shows every outcome, but it changes no state. */
@JsonClassDescription("A command was refused; nothing changed. It takes a seq so the log records every outcome.")
@SchemaVersion(1)
public record CommandRejected(
        @JsonPropertyDescription("The type of the refused command.") String commandType,
        @JsonPropertyDescription("Why it was refused.") RejectionCode code,
        @JsonPropertyDescription("A readable explanation.") String reason)
        implements Event {
}
