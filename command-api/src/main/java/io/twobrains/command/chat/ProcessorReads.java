package io.twobrains.command.chat;

import io.twobrains.contract.view.ChatContextView;
import io.twobrains.service.problem.ApiProblem;
import io.twobrains.service.web.ChatHeaders;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Reads a generation's context from the per-user brain, with the caller's own token (the processor checks
 * the same identity, and forwards to the instance that owns the user).
 */
@Component
class ProcessorReads {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final WebClient client;

    ProcessorReads(WebClient.Builder builder, ChatProperties properties) {
        this.client = builder.clone().baseUrl(properties.processorUrl().toString()).build();
    }

    Mono<ChatContextView> context(String bearer, String conversationId, int maxChars, long minSeq) {
        return client.get()
                .uri(uri -> uri.path("/internal/chat/{id}/context").queryParam("maxChars", maxChars).build(conversationId))
                .header(HttpHeaders.AUTHORIZATION, bearer)
                .header(ChatHeaders.MIN_SEQ, Long.toString(minSeq))
                .retrieve()
                .onStatus(status -> status.value() == HttpStatus.SERVICE_UNAVAILABLE.value(),
                        response -> Mono.error(ApiProblem.unavailable("the conversation cannot be read right now; retry shortly", 1)))
                .onStatus(status -> status.isError(),
                        response -> Mono.error(ApiProblem.unavailable("the conversation cannot be read right now ("
                                + response.statusCode().value() + "); retry shortly", 1)))
                .bodyToMono(ChatContextView.class)
                .timeout(TIMEOUT)
                .onErrorMap(error -> !(error instanceof ApiProblem),
                        error -> ApiProblem.unavailable("the conversation cannot be read right now; retry shortly", 1));
    }

}
