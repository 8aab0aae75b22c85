package io.twobrains.testkit;

import com.sun.net.httpserver.HttpExchange;
import io.twobrains.contract.json.ChatJson;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A loopback Anthropic: {@code POST /v1/messages}, answered in the real wire format. With
 * {@code stream: true} that is SSE ({@code message_start}, {@code content_block_start}/{@code _delta}/{@code _stop},
 * {@code message_delta}, {@code message_stop}); without it, one {@code message} object, as for a one-shot call.
 * What it does is steered by the last user message, so one fake serves many tests at once:
 * <ul>
 *   <li>{@code fail:401}, {@code fail:429}, {@code fail:500}: that status, with an Anthropic error body;</li>
 *   <li>{@code think}: a {@code thinking} block (text, then a signature) comes before the answer;</li>
 *   <li>anything else: the answer is {@code "Echo: " + the message}, a word per {@code text_delta}.</li>
 * </ul>
 * A model it does not serve is a 404 {@code not_found_error}, as Anthropic answers one.
 * Usage is 11 input tokens and one output token per streamed piece. Anthropic has no separate count of
 * thinking tokens, so none is sent. Every request is recorded, its {@code x-api-key} included, for tests
 * to check what reached the provider.
 */
public final class FakeAnthropic extends LoopbackProvider {

    private FakeAnthropic(long wordDelayMillis) {
        super("fake-anthropic", wordDelayMillis, "/v1/messages", KnownModels.ANTHROPIC);
    }

    public static FakeAnthropic start(long wordDelayMillis) {
        return new FakeAnthropic(wordDelayMillis);
    }

    /** The base URL to configure: the server root, without {@code /v1}, as Spring AI's Anthropic client wants it. */
    public URI baseUrl() {
        return root();
    }

    @Override
    protected void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode body = ChatJson.MAPPER.readTree(exchange.getRequestBody().readAllBytes());
            record(exchange.getRequestHeaders().getFirst("x-api-key"), body);
            String text = lastUserMessage(body.path("messages"));
            for (int status : new int[] {401, 429, 500}) {
                if (text.contains("fail:" + status)) {
                    fail(exchange, status);
                    return;
                }
            }
            String model = body.path("model").asString("claude-sonnet-4-5");
            if (!serves(model)) {
                ObjectNode error = ChatJson.MAPPER.createObjectNode().put("type", "error");
                error.putObject("error").put("type", "not_found_error").put("message", "model: " + model);
                respond(exchange, 404, error);
                return;
            }
            boolean thinking = text.contains("think");
            List<String> words = words(answerTo(text));
            if (body.path("stream").asBoolean(false)) {
                stream(exchange, model, thinking, words);
            } else {
                whole(exchange, model, thinking, words);
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private void stream(HttpExchange exchange, String model, boolean thinking, List<String> words) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        ObjectNode start = event("message_start");
        ObjectNode message = start.putObject("message");
        message(message, model);
        message.putArray("content");
        message.putNull("stop_reason");
        message.putNull("stop_sequence");
        message.putObject("usage").put("input_tokens", 11).put("output_tokens", 0);
        write(out, start);
        write(out, event("ping"));
        int index = 0;
        int outputTokens = 0;
        if (thinking) {
            ObjectNode blockStart = event("content_block_start").put("index", index);
            blockStart.putObject("content_block").put("type", "thinking").put("thinking", "").put("signature", "");
            write(out, blockStart);
            for (String piece : THOUGHT) {
                write(out, delta(index, "thinking_delta", "thinking", piece));
                outputTokens++;
                pause();
            }
            write(out, delta(index, "signature_delta", "signature", "fake-signature"));
            write(out, event("content_block_stop").put("index", index));
            index++;
        }
        ObjectNode blockStart = event("content_block_start").put("index", index);
        blockStart.putObject("content_block").put("type", "text").put("text", "");
        write(out, blockStart);
        for (String word : words) {
            write(out, delta(index, "text_delta", "text", word));
            outputTokens++;
            pause();
        }
        write(out, event("content_block_stop").put("index", index));
        ObjectNode end = event("message_delta");
        end.putObject("delta").put("stop_reason", "end_turn").putNull("stop_sequence");
        end.putObject("usage").put("output_tokens", outputTokens);
        write(out, end);
        write(out, event("message_stop"));
    }

    private static void whole(HttpExchange exchange, String model, boolean thinking, List<String> words) throws IOException {
        ObjectNode message = ChatJson.MAPPER.createObjectNode();
        message(message, model);
        ArrayNode content = message.putArray("content");
        if (thinking) {
            content.addObject().put("type", "thinking").put("thinking", String.join("", THOUGHT))
                    .put("signature", "fake-signature");
        }
        content.addObject().put("type", "text").put("text", String.join("", words));
        message.put("stop_reason", "end_turn").putNull("stop_sequence");
        int outputTokens = (thinking ? THOUGHT.size() : 0) + words.size();
        message.putObject("usage").put("input_tokens", 11).put("output_tokens", outputTokens);
        respond(exchange, 200, message);
    }

    private static void fail(HttpExchange exchange, int status) throws IOException {
        ObjectNode error = ChatJson.MAPPER.createObjectNode().put("type", "error");
        error.putObject("error")
                .put("type", switch (status) {
                    case 401 -> "authentication_error";
                    case 429 -> "rate_limit_error";
                    default -> "api_error";
                })
                .put("message", "fake failure " + status);
        respond(exchange, status, error);
    }

    private static void message(ObjectNode message, String model) {
        message.put("id", "msg_fake").put("type", "message").put("role", "assistant").put("model", model);
    }

    private static ObjectNode event(String type) {
        return ChatJson.MAPPER.createObjectNode().put("type", type);
    }

    private static ObjectNode delta(int index, String type, String field, String value) {
        ObjectNode event = event("content_block_delta").put("index", index);
        event.putObject("delta").put("type", type).put(field, value);
        return event;
    }

    private static void write(OutputStream out, JsonNode event) throws IOException {
        out.write(("event: " + event.path("type").asString() + "\ndata: " + ChatJson.MAPPER.writeValueAsString(event)
                + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

}
