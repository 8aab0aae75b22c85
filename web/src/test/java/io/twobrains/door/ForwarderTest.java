package io.twobrains.door;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.server.HttpServer;

/**
 * A request sent on to the node that holds the user, over h2c to a real server: status, headers and
 * body come back as the other node gave them, the caller's verified token goes along instead of
 * whatever credentials the request carried, and a node that cannot be reached is a 503 to retry.
 */
class ForwarderTest {

    private static DisposableServer owner;
    private final Forwarder forwarder = new Forwarder(WebClient.builder(), "node-a:8080");

    @BeforeAll
    static void startOwner() {
        owner = HttpServer.create().host("127.0.0.1").port(0).protocol(HttpProtocol.H2C)
                .route(routes -> routes
                        .get("/api/echo", (request, response) -> response.status(HttpResponseStatus.MULTI_STATUS)
                                .header("X-Chat-Seq", "5").header("Content-Type", "text/plain")
                                .sendString(Mono.just(request.protocol() + "|" + request.requestHeaders().get("authorization")
                                        + "|" + request.requestHeaders().get("cookie") + "|"
                                        + request.requestHeaders().get("x-chat-forwarded") + "|"
                                        + request.requestHeaders().get("idempotency-key") + "|" + request.uri())))
                        .post("/api/body", (request, response) -> response.send(request.receive().retain()))
                        .get("/api/stream", (request, response) -> response.header("Content-Type", "text/event-stream")
                                .sendString(Flux.range(1, 3).delayElements(Duration.ofMillis(100))
                                        .map(i -> "data:" + i + "\n\n"))))
                .bindNow();
    }

    @AfterAll
    static void stopOwner() {
        owner.disposeNow();
    }

    @Test
    void theAnswerComesBackAsGivenAndOnlyTheVerifiedTokenGoesAlong() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/echo?limit=5")
                .header("Authorization", "Bearer whatever-the-client-sent").header("Cookie", "SESSION=browser")
                .header("Idempotency-Key", "k-1").header("X-Chat-Forwarded", "spoofed"));

        forwarder.forward(exchange, ownerHost(), "verified-token").block(Duration.ofSeconds(10));

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.MULTI_STATUS);
        assertThat(exchange.getResponse().getHeaders().getFirst("X-Chat-Seq")).isEqualTo("5");
        assertThat(exchange.getResponse().getBodyAsString().block())
                .isEqualTo("HTTP/2.0|Bearer verified-token|null|node-a:8080|k-1|/api/echo?limit=5");
    }

    @Test
    void aBodyGoesThereAndItsAnswerComesBack() {
        byte[] body = "{\"text\":\"héllo\"}".getBytes(StandardCharsets.UTF_8);
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/api/body")
                .header("Content-Type", "application/json").body(new String(body, StandardCharsets.UTF_8)));

        forwarder.forward(exchange, ownerHost(), "t").block(Duration.ofSeconds(10));

        assertThat(exchange.getResponse().getBodyAsString().block()).isEqualTo("{\"text\":\"héllo\"}");
    }

    @Test
    void aStreamIsPassedOnWhole() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/stream"));

        forwarder.forward(exchange, ownerHost(), "t").block(Duration.ofSeconds(10));

        assertThat(exchange.getResponse().getBodyAsString().block()).isEqualTo("data:1\n\ndata:2\n\ndata:3\n\n");
    }

    @Test
    void aNodeThatCannotBeReachedIsA503ToRetry() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/echo"));

        forwarder.forward(exchange, new HostInfo("127.0.0.1", 1), "t").block(Duration.ofSeconds(10));

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(exchange.getResponse().getHeaders().getFirst("Retry-After")).isEqualTo("1");
        assertThat(exchange.getResponse().getBodyAsString().block()).contains("cannot be reached");
    }

    private static HostInfo ownerHost() {
        return new HostInfo("127.0.0.1", owner.port());
    }
}
