package io.twobrains.bench;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A loopback model for load: OpenAI's streamed chat completions, {@code tokens} words at
 * {@code tokensPerSecond}, the first after {@code firstToken}. Unlike the test kit's fakes it holds no
 * thread per stream (timers on the event loop), so thousands of streams can be open at once. A
 * request may ask for another length ({@code tokens:N} in its text) and pace ({@code pace:N} words a second).
 *
 * <p>The bench runs it in a JVM of its own ({@link ModelProcess}): {@code java -cp <bench classpath>
 * io.twobrains.bench.PacedOpenAi <port> <tokens> <tokens per second>}; it prints {@value #READY} when it listens.
 */
public final class PacedOpenAi implements AutoCloseable {

    static final String KEY = "sk-bench-paced-model";
    static final String READY = "paced model ready";
    private static final Pattern ASKED_LENGTH = Pattern.compile("tokens:(\\d{1,6})");
    private static final Pattern ASKED_PACE = Pattern.compile("pace:(\\d{1,4})");

    private final DisposableServer server;

    private PacedOpenAi(DisposableServer server) {
        this.server = server;
    }

    public static void main(String[] args) {
        PacedOpenAi model = start(Integer.parseInt(args[0]), Integer.parseInt(args[1]), Double.parseDouble(args[2]),
                Duration.ZERO);
        System.out.println(READY + " on " + model.baseUrl());
        model.server.onDispose().block();
    }

    static PacedOpenAi start(int port, int tokens, double tokensPerSecond, Duration firstToken) {
        DisposableServer server = HttpServer.create().host("127.0.0.1").port(port)
                .route(routes -> routes.post("/v1/chat/completions", (request, response) -> request.receive()
                        .aggregate().asString().defaultIfEmpty("").flatMap(body -> {
                            if (!body.contains("\"stream\":true")) {
                                // A title request: one whole answer.
                                return response.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                                        .sendString(Mono.just(completion("Bench title"))).then();
                            }
                            int length = asked(ASKED_LENGTH, body, tokens);
                            int pace = asked(ASKED_PACE, body, (int) Math.round(tokensPerSecond));
                            Duration gap = Duration.ofNanos((long) (1e9 / pace));
                            Flux<String> words = Flux.concat(
                                    Mono.just(chunk("{\"role\":\"assistant\",\"content\":\"\"}", null)),
                                    Flux.interval(firstToken, gap).take(length)
                                            .map(i -> chunk("{\"content\":\"" + (i == 0 ? "word" : " word") + "\"}", null)),
                                    Flux.just(chunk("{}", "stop"), usage(length), "data: [DONE]\n\n"));
                            return response.status(HttpResponseStatus.OK)
                                    .header(HttpHeaderNames.CONTENT_TYPE, "text/event-stream")
                                    .sendString(words, StandardCharsets.UTF_8).then();
                        })))
                .bindNow();
        return new PacedOpenAi(server);
    }

    /** {@code tokens:N} in the user's text asks for N words instead of the default, {@code pace:N} for N a second. */
    private static int asked(Pattern pattern, String body, int fallback) {
        Matcher asked = pattern.matcher(body);
        return asked.find() ? Math.max(1, Integer.parseInt(asked.group(1))) : fallback;
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.port() + "/v1");
    }

    private static String chunk(String delta, String finishReason) {
        return "data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":0,\"model\":\"gpt-4o-mini\","
                + "\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":"
                + (finishReason == null ? "null" : "\"" + finishReason + "\"") + "}]}\n\n";
    }

    private static String usage(int tokens) {
        return "data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":0,\"model\":\"gpt-4o-mini\","
                + "\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":" + tokens + ",\"total_tokens\":"
                + (12 + tokens) + "}}\n\n";
    }

    private static String completion(String text) {
        return "{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion\",\"created\":0,\"model\":\"gpt-4o-mini\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + text + "\"},"
                + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":2,\"total_tokens\":14}}";
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
