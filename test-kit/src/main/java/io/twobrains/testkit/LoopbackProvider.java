package io.twobrains.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.twobrains.contract.json.ChatJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * What the loopback fakes of LLM providers share: an HTTP server on 127.0.0.1, the requests it
 * received (with the header that carried the key), the models it serves (the provider's real ids,
 * {@link KnownModels}, and any a test adds), the pace of streamed words, and the default answer
 * ({@code "Echo: "} and the user's text). Each fake speaks its provider's own wire protocol, its
 * refusal of an unknown model included.
 */
public abstract class LoopbackProvider implements AutoCloseable {

    /** A request as the provider received it; {@code authorization} is the header that carries the key. */
    public record Received(String authorization, JsonNode body) {
    }

    /** What a thinking model streams before its answer, in three pieces. */
    protected static final List<String> THOUGHT = List.of("Let", " me", " think.");

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final long wordDelayMillis;
    private final Set<String> models = ConcurrentHashMap.newKeySet();
    private final Map<String, Hold> holds = new ConcurrentHashMap<>();
    private static final Duration HOLD_LIMIT = Duration.ofMinutes(3);

    protected LoopbackProvider(String name, long wordDelayMillis, String path, Set<String> models) {
        this.wordDelayMillis = wordDelayMillis;
        this.models.addAll(models);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext(path, this::handle);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    /** Answers one request to the provider's endpoint. */
    protected abstract void handle(HttpExchange exchange) throws IOException;

    /** The server root; each fake says which form its client wants. */
    protected URI root() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Serves these models too, as a server speaking the provider's protocol serves its own (an OpenAI-compatible one). */
    public LoopbackProvider serving(String... more) {
        models.addAll(List.of(more));
        return this;
    }

    /** Whether the model is one this provider serves; a request for any other is refused. */
    protected boolean serves(String model) {
        return models.contains(model);
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    protected void record(String authorization, JsonNode body) {
        received.add(new Received(authorization, body));
    }

    /** The answer a fake gives to a message (for the default behaviour). */
    public static String answerTo(String userText) {
        return "Echo: " + userText;
    }

    /**
     * A word at which an answer's stream stops until the test releases it, so that the test can act
     * on a reply that is certainly still running (stop it, reload the page, watch it from elsewhere)
     * however slow the machine. Closing it releases the stream too.
     */
    public final class Hold implements AutoCloseable {
        private final String word;
        private final CountDownLatch released = new CountDownLatch(1);

        private Hold(String word) {
            this.word = word;
        }

        public void release() {
            released.countDown();
        }

        @Override
        public void close() {
            release();
            holds.remove(word, this);
        }
    }

    /** Streams whose answer contains this word (use one no other test sends) stop just after it until released. */
    public Hold hold(String word) {
        Hold hold = new Hold(word);
        holds.put(word, hold);
        return hold;
    }

    /** After streaming a word: waits there while a test holds it (bounded, so a test that failed never strands a stream). */
    protected void holdAfter(String word) {
        Hold hold = holds.get(word.trim());
        if (hold != null) {
            try {
                hold.released.await(HOLD_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The pause between streamed words. */
    protected void pause() {
        if (wordDelayMillis > 0) {
            try {
                Thread.sleep(wordDelayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Words as they stream: each after the first keeps its leading space. */
    protected static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == ' ') {
                words.add(text.substring(start, i));
                start = i;
            }
        }
        return words;
    }

    /** The text of the last user message of a {@code messages} array (content a string, or blocks with text). */
    protected static String lastUserMessage(JsonNode messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            JsonNode message = messages.get(i);
            if ("user".equals(message.path("role").asString())) {
                JsonNode content = message.path("content");
                if (content.isString()) {
                    return content.asString();
                }
                StringBuilder text = new StringBuilder();
                content.forEach(block -> text.append(block.path("text").asString("")));
                return text.toString();
            }
        }
        return "";
    }

    /** A whole JSON answer. */
    protected static void respond(HttpExchange exchange, int status, JsonNode json) throws IOException {
        byte[] bytes = ChatJson.MAPPER.writeValueAsBytes(json);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
