package io.twobrains.command.api;

import io.twobrains.contract.event.RejectionCode;
import io.twobrains.contract.reply.Reply;
import io.twobrains.service.problem.ApiProblem;
import io.twobrains.service.web.ChatHeaders;
import io.twobrains.contract.json.ChatJson;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;

/** Turns the processor's reply into the HTTP answer: the success status, or a problem per rejection code. */
public final class Answers {

    private Answers() {
    }

    /** The answer to an accepted write is {@code body} of the reply; a rejection becomes a problem. */
    public static ResponseEntity<Object> of(Reply reply, HttpStatus success, Function<Reply, Object> body) {
        if (!reply.isAccepted()) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("code", reply.code().name());
            if (reply.limitType() != null) {
                details.put("limitType", ChatJson.MAPPER.valueToTree(reply.limitType()).asString());
                details.put("resetsAt", reply.resetsAt().toString());
            }
            ApiProblem problem = new ApiProblem(status(reply.code()), reply.reason(), details);
            problem.getHeaders().set(ChatHeaders.SEQ, Long.toString(reply.seq()));
            if (reply.resetsAt() != null) {
                long seconds = Math.max(1, Duration.between(Instant.now(), reply.resetsAt()).toSeconds());
                problem.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
            }
            throw problem;
        }
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(success).header(ChatHeaders.SEQ, Long.toString(reply.seq()));
        return success == HttpStatus.NO_CONTENT ? answer.build() : answer.body(body.apply(reply));
    }

    static HttpStatusCode status(RejectionCode code) {
        return switch (code) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case ALREADY_EXISTS, CONFLICT -> HttpStatus.CONFLICT;
            case IDEMPOTENCY_MISMATCH -> HttpStatus.UNPROCESSABLE_CONTENT;
            case LIMIT_REACHED -> HttpStatus.TOO_MANY_REQUESTS;
        };
    }
}
