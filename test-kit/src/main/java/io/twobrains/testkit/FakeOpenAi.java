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
 * A loopback OpenAI: {@code POST /v1/chat/completions} with {@code stream: true}, answered in the real
 * wire format (SSE {@code chat.completion.chunk}s, a usage chunk, {@code [DONE]}). What it does is
 * steered by the last user message, so one fake serves many tests at once:
 * <ul>
 *   <li>{@code fail:401}, {@code fail:429}, {@code fail:500}: that status, with an OpenAI error body;</li>
 *   <li>{@code fail:hang}: nothing at all for 30 seconds (a provider that does not answer);</li>
 *   <li>{@code think}: reasoning ({@code reasoning_content}) streams before the answer;</li>
 *   <li>{@code tool:add} / {@code tool:explode} / {@code tool:repeat <word>}: when the request offers that
 *       tool, it is called first ({@code add} with {@code {"a": 2, "b": 3}}, {@code repeat} with the word
 *       and 2 times), and the answer then echoes the tool's result;
 *       {@code tool:loop} calls {@code add} every time, however many results it already has;</li>
 *   <li>anything else: the answer is {@code "Echo: " + the message}, a word per chunk (stopping after
 *       a word a test {@linkplain #hold holds} until it is released).</li>
 * </ul>
 * A model it does not serve is a 404 {@code model_not_found}, as OpenAI answers one.
 * Every request is recorded, headers included, for tests to check what reached the provider.
 */
public final class FakeOpenAi extends LoopbackProvider {

    private FakeOpenAi(long wordDelayMillis) {
        super("fake-openai", wordDelayMillis, "/v1/chat/completions", KnownModels.OPENAI);
    }

    public static FakeOpenAi start(long wordDelayMillis) {
        return new FakeOpenAi(wordDelayMillis);
    }

    /** The base URL to configure, with {@code /v1} as Spring AI's OpenAI client wants it. */
    public URI baseUrl() {
        return URI.create(root() + "/v1");
    }

    @Override
    protected void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode body = ChatJson.MAPPER.readTree(exchange.getRequestBody().readAllBytes());
            record(exchange.getRequestHeaders().getFirst("Authorization"), body);
            String text = lastUserMessage(body.path("messages"));
            if (text.contains("fail:hang")) {
                try {
                    Thread.sleep(30_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            for (int status : new int[] {401, 429, 500}) {
                if (text.contains("fail:" + status)) {
                    byte[] error = ("{\"error\":{\"message\":\"fake failure " + status + "\",\"type\":\"test\",\"code\":\""
                            + status + "\"}}").getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(status, error.length);
                    exchange.getResponseBody().write(error);
                    return;
                }
            }
            String model = body.path("model").asString("gpt-4o-mini");
            if (!serves(model)) {
                ObjectNode error = ChatJson.MAPPER.createObjectNode();
                error.putObject("error").put("message", "The model `" + model + "` does not exist or you do not have"
                        + " access to it.").put("type", "invalid_request_error").putNull("param").put("code", "model_not_found");
                respond(exchange, 404, error);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            String tool = toolToCall(body, text);
            if (tool != null) {
                callTool(out, model, tool, text);
                return;
            }
            String toolResult = lastToolResult(body);
            if (toolResult != null) {
                text = "tool said " + toolResult;
            }
            write(out, chunk(model, delta -> delta.put("role", "assistant").put("content", ""), null));
            int outputTokens = 0;
            if (text.contains("think")) {
                for (String word : List.of("Let", " me", " think.")) {
                    // Like DeepSeek-style servers: reasoning_content carries the new piece.
                    write(out, chunk(model, delta -> delta.put("reasoning_content", word), null));
                    outputTokens++;
                    pause();
                }
            }
            for (String word : words(answerTo(text))) {
                write(out, chunk(model, delta -> delta.put("content", word), null));
                outputTokens++;
                pause();
                holdAfter(word);
            }
            write(out, chunk(model, delta -> { }, "stop"));
            ObjectNode usage = ChatJson.MAPPER.createObjectNode();
            usage.put("id", "chatcmpl-fake").put("object", "chat.completion.chunk").put("created", 0).put("model", model);
            usage.putArray("choices");
            ObjectNode counts = usage.putObject("usage");
            counts.put("prompt_tokens", 11).put("completion_tokens", outputTokens).put("total_tokens", 11 + outputTokens);
            counts.putObject("completion_tokens_details").put("reasoning_tokens", text.contains("think") ? 3 : 0);
            write(out, usage);
            out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            // the client went away
        }
    }

    /** The word after {@code marker} in {@code text} ({@code tool:repeat <word>} repeats the word). */
    private static String wordAfter(String text, String marker) {
        String rest = text.substring(text.indexOf(marker) + marker.length()).strip();
        int end = rest.indexOf(' ');
        return end < 0 ? rest : rest.substring(0, end);
    }

    /** The tool this request should call: asked for, offered, and (unless looping) not yet answered. */
    private static String toolToCall(JsonNode body, String text) {
        boolean answered = lastToolResult(body) != null;
        for (String tool : List.of("add", "explode", "repeat")) {
            boolean asked = text.contains("tool:" + tool) || tool.equals("add") && text.contains("tool:loop");
            boolean offered = body.path("tools").toString().contains("\"name\":\"" + tool + "\"");
            if (asked && offered && (!answered || text.contains("tool:loop"))) {
                return tool;
            }
        }
        return null;
    }

    /** The content of a tool message after the last user message, if there is one. */
    private static String lastToolResult(JsonNode body) {
        JsonNode messages = body.path("messages");
        for (int i = messages.size() - 1; i >= 0; i--) {
            String role = messages.get(i).path("role").asString();
            if ("tool".equals(role)) {
                return messages.get(i).path("content").isString() ? messages.get(i).path("content").asString()
                        : messages.get(i).path("content").toString();
            }
            if ("user".equals(role)) {
                return null;
            }
        }
        return null;
    }

    /** A tool call as OpenAI streams one: the name first, then the arguments in pieces. */
    private void callTool(OutputStream out, String model, String tool, String text) throws IOException {
        String id = "call_" + tool + "_" + received().size();
        write(out, chunk(model, delta -> {
            ObjectNode call = delta.put("role", "assistant").putArray("tool_calls").addObject();
            call.put("index", 0).put("id", id).put("type", "function");
            call.putObject("function").put("name", tool).put("arguments", "");
        }, null));
        List<String> pieces = switch (tool) {
            case "add" -> List.of("{\"a\": 2,", " \"b\": 3}");
            case "repeat" -> List.of("{\"text\": " + ChatJson.MAPPER.writeValueAsString(wordAfter(text, "tool:repeat")) + ",",
                    " \"times\": 2}");
            default -> List.of("{}");
        };
        for (String piece : pieces) {
            write(out, chunk(model, delta -> {
                ObjectNode call = delta.putArray("tool_calls").addObject();
                call.put("index", 0);
                call.putObject("function").put("arguments", piece);
            }, null));
            pause();
        }
        write(out, chunk(model, delta -> { }, "tool_calls"));
        ObjectNode usage = ChatJson.MAPPER.createObjectNode();
        usage.put("id", "chatcmpl-fake").put("object", "chat.completion.chunk").put("created", 0).put("model", model);
        usage.putArray("choices");
        usage.putObject("usage").put("prompt_tokens", 11).put("completion_tokens", 4).put("total_tokens", 15);
        write(out, usage);
        out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static ObjectNode chunk(String model, java.util.function.Consumer<ObjectNode> delta, String finishReason) {
        ObjectNode chunk = ChatJson.MAPPER.createObjectNode();
        chunk.put("id", "chatcmpl-fake").put("object", "chat.completion.chunk").put("created", 0).put("model", model);
        ArrayNode choices = chunk.putArray("choices");
        ObjectNode choice = choices.addObject().put("index", 0);
        delta.accept(choice.putObject("delta"));
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return chunk;
    }

    private static void write(OutputStream out, JsonNode chunk) throws IOException {
        out.write(("data: " + ChatJson.MAPPER.writeValueAsString(chunk) + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

}
