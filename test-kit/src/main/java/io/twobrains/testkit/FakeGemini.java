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
 * A loopback Gemini (the Developer API, {@code v1beta}):
 * {@code POST /v1beta/models/{model}:streamGenerateContent?alt=sse} is answered with SSE
 * {@code GenerateContentResponse}s, and {@code POST /v1beta/models/{model}:generateContent} with one, as for a
 * one-shot call. What it does is steered by the last user turn, so one fake serves many tests at once:
 * <ul>
 *   <li>{@code fail:401}, {@code fail:429}, {@code fail:500}: that status, with a Google error body;</li>
 *   <li>{@code think}: thought parts ({@code "thought": true}) stream before the answer;</li>
 *   <li>anything else: the answer is {@code "Echo: " + the message}, a word per chunk.</li>
 * </ul>
 * A model it does not serve is a 404 {@code NOT_FOUND}, as Gemini answers one.
 * The last chunk carries {@code finishReason: STOP} and the usage: 11 prompt tokens, one candidate token per
 * streamed piece, and 3 thought tokens when thinking. Every request is recorded, its {@code x-goog-api-key}
 * included, for tests to check what reached the provider. Gemini names the model in the path, not in the
 * body, so the recorded body gets it as a {@code "model"} field.
 */
public final class FakeGemini extends LoopbackProvider {

    private static final String MODELS = "/v1beta/models/";

    private FakeGemini(long wordDelayMillis) {
        super("fake-gemini", wordDelayMillis, MODELS, KnownModels.GOOGLE);
    }

    public static FakeGemini start(long wordDelayMillis) {
        return new FakeGemini(wordDelayMillis);
    }

    /**
     * The base URL to configure: the server root, as the Google GenAI client's {@code HttpOptions.baseUrl} wants
     * it (with {@code apiVersion} {@code v1beta}, the default).
     */
    public URI baseUrl() {
        return root();
    }

    @Override
    protected void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            // models/{model}:{method}; the model may itself hold dots and dashes but no colon
            String call = exchange.getRequestURI().getPath().substring(MODELS.length());
            int colon = call.lastIndexOf(':');
            String model = colon < 0 ? call : call.substring(0, colon);
            String method = colon < 0 ? "" : call.substring(colon + 1);
            JsonNode body = ChatJson.MAPPER.readTree(exchange.getRequestBody().readAllBytes());
            if (body instanceof ObjectNode object && !object.has("model")) {
                object.put("model", model);
            }
            record(exchange.getRequestHeaders().getFirst("x-goog-api-key"), body);
            if (!method.equals("streamGenerateContent") && !method.equals("generateContent")) {
                fail(exchange, 404, "NOT_FOUND", "fake has no method " + method);
                return;
            }
            if (!serves(model)) {
                fail(exchange, 404, "NOT_FOUND", "models/" + model + " is not found for API version v1beta, or is not"
                        + " supported for " + method + ". Call ListModels to see the list of available models and their"
                        + " supported methods.");
                return;
            }
            String text = lastUserText(body);
            if (text.contains("fail:401")) {
                fail(exchange, 401, "UNAUTHENTICATED", "fake failure 401");
                return;
            }
            if (text.contains("fail:429")) {
                fail(exchange, 429, "RESOURCE_EXHAUSTED", "fake failure 429");
                return;
            }
            if (text.contains("fail:500")) {
                fail(exchange, 500, "INTERNAL", "fake failure 500");
                return;
            }
            boolean thinking = text.contains("think");
            List<String> words = words(answerTo(text));
            if (method.equals("streamGenerateContent")) {
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
        int outputTokens = 0;
        if (thinking) {
            for (String piece : THOUGHT) {
                ObjectNode chunk = response(model);
                parts(chunk).addObject().put("text", piece).put("thought", true);
                write(out, chunk);
                outputTokens++;
                pause();
            }
        }
        for (int i = 0; i < words.size(); i++) {
            ObjectNode chunk = response(model);
            parts(chunk).addObject().put("text", words.get(i));
            outputTokens++;
            if (i == words.size() - 1) {
                // like the real API: the last piece of the answer comes with the finish reason and the usage
                finish(chunk, outputTokens, thinking);
            }
            write(out, chunk);
            if (i < words.size() - 1) {
                pause();
            }
        }
    }

    private static void whole(HttpExchange exchange, String model, boolean thinking, List<String> words) throws IOException {
        ObjectNode response = response(model);
        ArrayNode parts = parts(response);
        if (thinking) {
            parts.addObject().put("text", String.join("", THOUGHT)).put("thought", true);
        }
        parts.addObject().put("text", String.join("", words));
        finish(response, (thinking ? THOUGHT.size() : 0) + words.size(), thinking);
        respond(exchange, 200, response);
    }

    private static void fail(HttpExchange exchange, int status, String code, String message) throws IOException {
        ObjectNode error = ChatJson.MAPPER.createObjectNode();
        error.putObject("error").put("code", status).put("message", message).put("status", code);
        respond(exchange, status, error);
    }

    /** A response with one candidate and no parts yet; Spring AI needs {@code modelVersion} in every one. */
    private static ObjectNode response(String model) {
        ObjectNode response = ChatJson.MAPPER.createObjectNode();
        ObjectNode candidate = response.putArray("candidates").addObject();
        candidate.putObject("content").put("role", "model").putArray("parts");
        candidate.put("index", 0);
        response.put("modelVersion", model).put("responseId", "fake-response");
        return response;
    }

    private static ArrayNode parts(ObjectNode response) {
        return (ArrayNode) response.path("candidates").path(0).path("content").path("parts");
    }

    private static void finish(ObjectNode response, int outputTokens, boolean thinking) {
        ((ObjectNode) response.path("candidates").path(0)).put("finishReason", "STOP");
        ObjectNode usage = response.putObject("usageMetadata");
        usage.put("promptTokenCount", 11).put("candidatesTokenCount", outputTokens).put("totalTokenCount", 11 + outputTokens);
        if (thinking) {
            usage.put("thoughtsTokenCount", 3);
        }
    }

    private static void write(OutputStream out, JsonNode chunk) throws IOException {
        out.write(("data: " + ChatJson.MAPPER.writeValueAsString(chunk) + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String lastUserText(JsonNode body) {
        JsonNode contents = body.path("contents");
        for (int i = contents.size() - 1; i >= 0; i--) {
            JsonNode content = contents.get(i);
            if ("user".equals(content.path("role").asString("user"))) {
                StringBuilder text = new StringBuilder();
                content.path("parts").forEach(part -> text.append(part.path("text").asString("")));
                return text.toString();
            }
        }
        return "";
    }

}
