package io.twobrains.service.web;

import io.twobrains.service.problem.ApiProblem;
import java.util.Optional;
import org.springframework.http.HttpStatus;

/** The headers of the chat protocol, defined once. */
public final class ChatHeaders {

    /** On every write answer (and on reads): the user's seq that the answer reflects. */
    public static final String SEQ = "X-Chat-Seq";
    /** On reads: wait until the source has applied at least this seq (read-your-writes). */
    public static final String MIN_SEQ = "X-Chat-Min-Seq";
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** Set on an interactive query that one processor instance forwarded to another. */
    public static final String FORWARDED = "X-Chat-Forwarded";

    private ChatHeaders() {
    }

    public static Optional<Long> minSeq(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        try {
            long seq = Long.parseLong(header.trim());
            if (seq < 0) {
                throw new NumberFormatException();
            }
            return Optional.of(seq);
        } catch (NumberFormatException e) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, MIN_SEQ + " must be a non-negative integer");
        }
    }
}
