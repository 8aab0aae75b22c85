package io.twobrains.service.problem;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** An answer that is a problem: thrown by handlers, written as {@code application/problem+json}. */
public class ApiProblem extends ErrorResponseException {

    public ApiProblem(HttpStatusCode status, String detail) {
        this(status, detail, Map.of());
    }

    public ApiProblem(HttpStatusCode status, String detail, Map<String, Object> properties) {
        super(status, problem(status, detail, properties), null);
    }

    /** 503 with {@code Retry-After}: the answer is not available now, but will be soon. */
    public static ApiProblem unavailable(String detail, int retryAfterSeconds) {
        ApiProblem problem = new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, detail);
        problem.getHeaders().set(org.springframework.http.HttpHeaders.RETRY_AFTER, Integer.toString(retryAfterSeconds));
        return problem;
    }

    public static ApiProblem badRequest(String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, detail);
    }

    public static ApiProblem notFound(String detail) {
        return new ApiProblem(HttpStatus.NOT_FOUND, detail);
    }

    private static ProblemDetail problem(HttpStatusCode status, String detail, Map<String, Object> properties) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        properties.forEach(problem::setProperty);
        return problem;
    }
}
