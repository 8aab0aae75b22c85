package io.twobrains.contract.content;

/** A sealed value that does not open: its key is destroyed (the user was erased) or it is not in its place. */
public class UnreadableContentException extends RuntimeException {

    public UnreadableContentException(String message, Throwable cause) {
        super(message, cause);
    }
}
