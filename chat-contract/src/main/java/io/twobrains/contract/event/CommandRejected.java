package io.twobrains.contract.event;

/** A refused command. It takes a seq, so the log shows every outcome, but it changes no state. */
@SchemaVersion(1)
public record CommandRejected(String commandType, RejectionCode code, String reason) implements Event {
}
