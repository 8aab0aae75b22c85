package io.twobrains.testkit;

import com.sun.net.httpserver.HttpExchange;
import io.twobrains.contract.json.ChatJson;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A loopback Ollama: {@code POST /api/chat}, answered in the real wire format. Streaming (the default, or
 * {@code stream: true}) is NDJSON, one chat object per line and a last {@code done: true} line; with
 * {@code stream: false} it is one object, as for a one-shot call. What it does is steered by the last user
 * message, so one fake serves many tests at once:
 * <ul>
 *   <li>{@code fail:401}, {@code fail:429}, {@code fail:500}: that status, with an Ollama error body;</li>
 *   <li>{@code think}: thinking ({@code message.thinking}) streams before the answer;</li>
 *   <li>anything else: the answer is {@code "Echo: " + the message}, a word per line.</li>
 * </ul>
 * A model it does not serve (has not pulled) is a 404, as Ollama answers one.
 * The {@code done} line carries the usage: 11 prompt tokens ({@code prompt_eval_count}) and one token per
 * streamed piece ({@code eval_count}). Ollama has no separate count of thinking tokens, so none is sent.
 * Every request is recorded, headers included, for tests to check what reached the provider.
 */
public final class FakeOllama extends LoopbackProvider {

    private FakeOllama(long wordDelayMillis) {
        super("fake-ollama", wordDelayMillis, "/api/chat", KnownModels.OLLAMA);
    }

    public static FakeOllama start(long wordDelayMillis) {
        return new FakeOllama(wordDelayMillis);
    }

    /** The base URL to configure: the server root, as Spring AI's {@code OllamaApi} wants it. */
    public URI baseUrl() {
        return root();
    }

    @Override
    protected void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode body = ChatJson.MAPPER.readTree(exchange.getRequestBody().readAllBytes());
            record(exchange.getRequestHeaders().getFirst("Authorization"), body);
            String text = lastUserMessage(body.path("messages"));
            for (int status : new int[] {401, 429, 500}) {
                if (text.contains("fail:" + status)) {
                    byte[] error = ChatJson.MAPPER.writeValueAsBytes(
                            ChatJson.MAPPER.createObjectNode().put("error", "fake failure " + status));
                    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
                    exchange.sendResponseHeaders(status, error.length);
                    exchange.getResponseBody().write(error);
                    return;
                }
            }
            String model = body.path("model").asString("llama3.2");
            if (!serves(model)) {
                byte[] error = ChatJson.MAPPER.writeValueAsBytes(
                        ChatJson.MAPPER.createObjectNode().put("error", "model '" + model + "' not found"));
                exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
                exchange.sendResponseHeaders(404, error.length);
                exchange.getResponseBody().write(error);
                return;
            }
            boolean thinking = text.contains("think");
            List<String> words = words(answerTo(text));
            if (body.path("stream").asBoolean(true)) {
                stream(exchange, model, thinking, words);
            } else {
                whole(exchange, model, thinking, words);
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private void stream(HttpExchange exchange, String model, boolean thinking, List<String> words) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/x-ndjson");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        int outputTokens = 0;
        if (thinking) {
            for (String piece : THOUGHT) {
                write(out, line(model, "", piece).put("done", false));
                outputTokens++;
                pause();
            }
        }
        for (String word : words) {
            write(out, line(model, word, null).put("done", false));
            outputTokens++;
            pause();
        }
        write(out, done(line(model, "", null), outputTokens));
    }

    private static void whole(HttpExchange exchange, String model, boolean thinking, List<String> words) throws IOException {
        ObjectNode answer = line(model, String.join("", words), thinking ? String.join("", THOUGHT) : null);
        byte[] bytes = ChatJson.MAPPER.writeValueAsBytes(
                done(answer, (thinking ? THOUGHT.size() : 0) + words.size()));
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static ObjectNode line(String model, String content, String thinking) {
        ObjectNode line = ChatJson.MAPPER.createObjectNode();
        line.put("model", model).put("created_at", Instant.now().toString());
        ObjectNode message = line.putObject("message").put("role", "assistant").put("content", content);
        if (thinking != null) {
            message.put("thinking", thinking);
        }
        return line;
    }

    private static ObjectNode done(ObjectNode line, int outputTokens) {
        return line.put("done", true).put("done_reason", "stop")
                .put("total_duration", 1_000_000).put("load_duration", 0)
                .put("prompt_eval_count", 11).put("prompt_eval_duration", 0)
                .put("eval_count", outputTokens).put("eval_duration", 0);
    }

    private static void write(OutputStream out, JsonNode line) throws IOException {
        out.write((ChatJson.MAPPER.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

}
