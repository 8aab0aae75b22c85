package io.twobrains.contract.event;

/** Why a command was refused. Each code maps to one HTTP status in the APIs. */
public enum RejectionCode {
    /** The command breaks a rule about its content (400). */
    INVALID,
    /** The command names something the user does not have (404). */
    NOT_FOUND,
    /** The command would create something that exists (409). */
    ALREADY_EXISTS,
    /** The command does not fit the current state, e.g. regenerating a reply that is not the last (409). */
    CONFLICT,
    /** The command id was used before for a different request (422). */
    IDEMPOTENCY_MISMATCH,
    /** A quota or limit is reached (429). */
    LIMIT_REACHED
}
