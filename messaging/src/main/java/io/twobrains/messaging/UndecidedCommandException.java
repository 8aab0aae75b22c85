package io.twobrains.messaging;

/**
 * The outcome of a command is not known: it could not be handed to the broker, or its reply did not
 * come in time, or the partition moved while it waited. It may still be applied; a retry with the
 * same command id (the same Idempotency-Key) is answered, never applied twice.
 */
public class UndecidedCommandException extends RuntimeException {

    public UndecidedCommandException(String message, Throwable cause) {
        super(message, cause);
    }

    public UndecidedCommandException(String message) {
        super(message);
    }
}
