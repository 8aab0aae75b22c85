package io.twobrains.service.problem;

import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;

/**
 * The one mapping from exceptions to problem details, for handler errors and framework errors alike
 * (unknown routes, unreadable bodies, oversized bodies). Anything unexpected is a 500 whose detail
 * reveals nothing; the cause goes to the log.
 */
@Order(-2)
public class ProblemExceptionHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        if (ex instanceof ErrorResponse response && !exchange.getResponse().isCommitted()) {
            response.getHeaders().forEach((name, values) -> exchange.getResponse().getHeaders().put(name, values));
        }
        return Problems.write(exchange, toProblem(ex, exchange));
    }

    static ProblemDetail toProblem(Throwable ex, ServerWebExchange exchange) {
        if (causedBy(ex, DataBufferLimitException.class)) {
            return Problems.of(HttpStatus.CONTENT_TOO_LARGE, "the request body is too large");
        }
        if (ex instanceof WebExchangeBindException bind) {
            ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "the request is not valid");
            List<Map<String, String>> errors = bind.getFieldErrors().stream()
                    .map(e -> Map.of("field", e.getField(), "message", String.valueOf(e.getDefaultMessage())))
                    .toList();
            problem.setProperty("errors", errors);
            if (!errors.isEmpty()) {
                problem.setDetail(errors.get(0).get("field") + ": " + errors.get(0).get("message"));
            }
            return problem;
        }
        if (ex instanceof ServerWebInputException input && causedBy(ex, DecodingException.class)) {
            return Problems.of(input.getStatusCode(), "the request body is not valid JSON for this endpoint: "
                    + readableCause(ex));
        }
        if (ex instanceof ErrorResponse response) {
            ProblemDetail body = response.getBody();
            if (body.getDetail() == null) {
                body.setDetail(HttpStatus.valueOf(body.getStatus()).getReasonPhrase());
            }
            return body;
        }
        log.error("unexpected error on {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), ex);
        return Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "an unexpected error occurred");
    }

    private static String readableCause(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof JacksonException jackson) {
                return jackson.getOriginalMessage();
            }
        }
        return "unreadable body";
    }

    private static boolean causedBy(Throwable ex, Class<? extends Throwable> type) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
