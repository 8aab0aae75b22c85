package io.twobrains.service.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twobrains.service.problem.ApiProblem;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;

/** X-Chat-Min-Seq: a read waits until its source has applied the seq, within a bound, then answers 503. */
class ReadYourWritesTest {

    @Test
    void aReadWaitsUntilItsSourceHasAppliedTheSeq() {
        AtomicLong applied = new AtomicLong(3);
        Mono<Long> source = Mono.fromCallable(() -> applied.incrementAndGet());

        assertThat(SeqWait.until(source, 7, Duration.ofSeconds(5)).block()).isEqualTo(7);
    }

    @Test
    void aSeqNotAppliedInTimeIsA503WithRetryAfter() {
        assertThatThrownBy(() -> SeqWait.until(Mono.just(2L), 5, Duration.ofMillis(100)).block())
                .isInstanceOfSatisfying(ApiProblem.class, problem -> {
                    assertThat(problem.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                    assertThat(problem.getHeaders().getFirst("Retry-After")).isNotNull();
                });
    }

    @Test
    void theMinSeqHeaderIsANonNegativeNumberOrAbsent() {
        assertThat(ChatHeaders.minSeq(null)).isEmpty();
        assertThat(ChatHeaders.minSeq(" 12 ")).contains(12L);
        assertThatThrownBy(() -> ChatHeaders.minSeq("-1")).isInstanceOf(ApiProblem.class);
        assertThatThrownBy(() -> ChatHeaders.minSeq("twelve")).isInstanceOf(ApiProblem.class);
    }
}
