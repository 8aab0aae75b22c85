package io.twobrains.command.api;

import io.twobrains.contract.event.RejectionCode;
import io.twobrains.contract.reply.Reply;
import io.twobrains.service.problem.ApiProblem;
import io.twobrains.service.web.ChatHeaders;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;

/** Turns the processor's reply into the HTTP answer: the success status, or a problem per rejection code. */
final class Answers {

    private Answers() {
    }

    /** The answer to an accepted write is {@code body} of the reply; a rejection becomes a problem. */
    static ResponseEntity<Object> of(Reply reply, HttpStatus success, java.util.function.Function<Reply, Object> body) {
        if (!reply.isAccepted()) {
            ApiProblem problem = new ApiProblem(status(reply.code()), reply.reason(), Map.of("code", reply.code().name()));
            problem.getHeaders().set(ChatHeaders.SEQ, Long.toString(reply.seq()));
            throw problem;
        }
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(success).header(ChatHeaders.SEQ, Long.toString(reply.seq()));
        return success == HttpStatus.NO_CONTENT ? answer.build() : answer.body(body.apply(reply));
    }

    static HttpStatusCode status(RejectionCode code) {
        return switch (code) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case ALREADY_EXISTS -> HttpStatus.CONFLICT;
            case IDEMPOTENCY_MISMATCH -> HttpStatus.UNPROCESSABLE_CONTENT;
            case LIMIT_REACHED -> HttpStatus.TOO_MANY_REQUESTS;
        };
    }
}
