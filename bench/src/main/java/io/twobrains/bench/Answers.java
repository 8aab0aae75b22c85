package io.twobrains.bench;

/** How a request's answer is judged, and how a wrong one is named in the figures. */
final class Answers {

    private Answers() {
    }

    /** Thrown by a call whose answer had another status than the one it expects. */
    static final class UnexpectedStatus extends RuntimeException {
        UnexpectedStatus(int status) {
            super("status " + status, null, false, false);
        }
    }

    /** The status check of an HTTP call: true for the expected status, else an error of that status's kind. */
    static boolean expect(int expected, int status) {
        if (status != expected) {
            throw new UnexpectedStatus(status);
        }
        return true;
    }

    /** A status the call did not expect says itself; anything else by its exception's name. */
    static String kind(Throwable e) {
        return e instanceof UnexpectedStatus status ? status.getMessage() : e.getClass().getSimpleName();
    }
}
