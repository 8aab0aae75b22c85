package io.twobrains.contract.json;

/** A record that is not a valid envelope: bad JSON, an unknown type, or a missing field. */
public class MalformedRecordException extends RuntimeException {

    public MalformedRecordException(String message) {
        super(message);
    }

    public MalformedRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
