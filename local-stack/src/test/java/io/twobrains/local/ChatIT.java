package io.twobrains.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.twobrains.command.chat.provider.DemoChatModel;
import io.twobrains.contract.event.EventEnvelope;
import io.twobrains.contract.event.GenerationCancelled;
import io.twobrains.contract.event.GenerationCompleted;
import io.twobrains.contract.event.GenerationFailed;
import io.twobrains.contract.event.MessageAppended;
import io.twobrains.contract.event.MessageSuperseded;
import io.twobrains.contract.json.ChatJson;
import io.twobrains.testkit.ApiClient;
import io.twobrains.testkit.ApiClient.Response;
import io.twobrains.testkit.FakeAnthropic;
import io.twobrains.testkit.FakeGemini;
import io.twobrains.testkit.FakeOllama;
import io.twobrains.testkit.FakeOpenAi;
import io.twobrains.testkit.SseStream;
import io.twobrains.testkit.TestMcpServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.ai.chat.prompt.Prompt;
import tools.jackson.databind.JsonNode;

/**
 * Streamed completions through the door, as an AI SDK {@code useChat} client makes them: the
 * protocol, what is saved, resume, disconnect, stop, regenerate, titles, quotas, rate limits, provider
 * errors and bad input. The providers are the demo model and a loopback OpenAI.
 */
class ChatIT {

    private static LocalStack stack;
    private static FakeOpenAi openAi;
    private static ExecutorService pool;

    @BeforeAll
    static void start() {
        stack = Stacks.shared();
        openAi = Stacks.openAi();
        pool = Executors.newFixedThreadPool(40);
    }

    @AfterAll
    static void stop() {
        pool.shutdownNow();
    }

    private static String newUser() {
        return "chat-" + UUID.randomUUID();
    }

    private static Map<String, Object> turn(String conversationId, String text, String model) {
        Map<String, Object> message = Map.of("id", "m" + UUID.randomUUID().toString().substring(0, 8), "role", "user",
                "parts", List.of(Map.of("type", "text", "text", text)));
        return model == null
                ? Map.of("id", conversationId, "messages", List.of(message), "trigger", "submit-message")
                : Map.of("id", conversationId, "messages", List.of(message), "trigger", "submit-message", "model", model);
    }

    /** Reads a whole stream and checks every chunk against the protocol; returns the chunks. */
    private static List<JsonNode> readAll(SseStream stream) {
        List<JsonNode> chunks = new ArrayList<>();
        List<String> data = stream.rest();
        assertThat(data).as("a stream ends with [DONE]").isNotEmpty().last().isEqualTo("[DONE]");
        for (String payload : data.subList(0, data.size() - 1)) {
            JsonNode chunk = ChatJson.MAPPER.readTree(payload);
            UiStreamProtocol.assertConforms(chunk);
            chunks.add(chunk);
        }
        return chunks;
    }

    private static String text(List<JsonNode> chunks) {
        StringBuilder text = new StringBuilder();
        chunks.stream().filter(c -> c.get("type").asString().equals("text-delta"))
                .forEach(c -> text.append(c.get("delta").asString()));
        return text.toString();
    }

    private static List<String> types(List<JsonNode> chunks) {
        return chunks.stream().map(c -> c.get("type").asString()).distinct().toList();
    }

    private static JsonNode messages(ApiClient api, String conversationId) {
        Response page = api.get("/api/conversations/" + conversationId + "/messages");
        assertThat(page.status()).isEqualTo(200);
        return page.json().get("items");
    }

    @Test
    void aTurnStreamsTheProtocolSavesBothMessagesAndTitlesTheConversation() {
        ApiClient api = Stacks.client(stack, newUser());
        List<JsonNode> chunks;
        try (SseStream stream = api.stream("POST", "/api/chat", turn("trip", "Plan a weekend in Lisbon please", null))) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.header("x-vercel-ai-ui-message-stream")).isEqualTo("v1");
            assertThat(stream.header("Content-Type")).startsWith("text/event-stream");
            chunks = readAll(stream);
        }
        assertThat(types(chunks)).containsExactly("start", "start-step", "text-start", "text-delta", "text-end",
                "finish-step", "finish");
        String streamed = text(chunks);
        assertThat(streamed).startsWith("[demo model]").contains("Plan a weekend in Lisbon please");
        JsonNode finish = chunks.get(chunks.size() - 1).get("messageMetadata");
        assertThat(finish.get("model").asString()).isEqualTo("demo");
        assertThat(finish.get("usage").get("outputTokens").asLong()).isPositive();
        String messageId = chunks.get(0).get("messageId").asString();

        JsonNode saved = messages(api, "trip");
        assertThat(saved).hasSize(2);
        assertThat(saved.get(0).get("role").asString()).isEqualTo("user");
        assertThat(saved.get(1).get("id").asString()).isEqualTo(messageId);
        assertThat(saved.get(1).get("parts").toString()).contains(ChatJson.MAPPER.valueToTree(streamed).toString());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                api.get("/api/conversations/trip").json().get("title").asString()).isEqualTo("Plan a weekend in Lisbon please"));
    }

    @Test
    void anOpenAiReplyStreamsReasoningTextAndUsageOnTheAppKey() {
        ApiClient api = Stacks.client(stack, newUser());
        List<JsonNode> chunks;
        try (SseStream stream = api.stream("POST", "/api/chat", turn("oa", "please think about tides", "gpt-4o-mini"))) {
            chunks = readAll(stream);
        }
        assertThat(types(chunks)).as(chunks.toString()).containsSubsequence("start", "start-step", "reasoning-start",
                "reasoning-delta", "reasoning-end", "text-start", "text-delta", "text-end", "finish-step", "finish");
        assertThat(text(chunks)).isEqualTo(FakeOpenAi.answerTo("please think about tides"));
        JsonNode usage = chunks.get(chunks.size() - 1).get("messageMetadata").get("usage");
        assertThat(usage.get("inputTokens").asLong()).isEqualTo(11);
        assertThat(usage.get("reasoningTokens").asLong()).isEqualTo(3);
        FakeOpenAi.Received request = openAi.received().stream()
                .filter(r -> r.body().toString().contains("please think about tides")).findFirst().orElseThrow();
        assertThat(request.authorization()).isEqualTo("Bearer " + Stacks.APP_OPENAI_KEY);
        assertThat(request.body().get("stream").asBoolean()).isTrue();
        JsonNode parts = messages(api, "oa").get(1).get("parts");
        assertThat(parts.toString()).contains("\"type\":\"reasoning\"").contains("Let me think.");
    }

    @Test
    void aByokModelRunsOnTheUsersOwnKeyWhichNeverComesBack() {
        String userKey = "sk-user-own-key-" + UUID.randomUUID();
        ApiClient api = Stacks.client(stack, newUser());
        assertThat(api.send("PUT", "/api/settings/api-keys/openai", Map.of("key", userKey)).status()).isEqualTo(204);
        List<String> raw;
        try (SseStream stream = api.stream("POST", "/api/chat", turn("byok", "hello with my key", "gpt-4.1"))) {
            raw = stream.rest();
        }
        assertThat(String.join("\n", raw)).doesNotContain(userKey).contains("\"byok\":true");
        assertThat(text(raw.subList(0, raw.size() - 1).stream().map(ChatJson.MAPPER::readTree).toList()))
                .isEqualTo(FakeOpenAi.answerTo("hello with my key"));
        FakeOpenAi.Received request = openAi.received().stream()
                .filter(r -> r.body().toString().contains("hello with my key")).findFirst().orElseThrow();
        assertThat(request.authorization()).isEqualTo("Bearer " + userKey);
        assertThat(request.body().get("model").asString()).isEqualTo("gpt-4.1");
    }

    @Test
    void anyModelOfTheUsersOpenAiCompatibleEndpointRunsOnTheirKey() {
        ApiClient api = Stacks.client(stack, newUser());
        String userKey = "compat-key-" + UUID.randomUUID();
        assertThat(api.send("PUT", "/api/settings/api-keys/openai-compatible", Map.of("key", userKey,
                "baseUrl", "http://10.0.0.5/v1")).status()).as("a private endpoint is refused").isEqualTo(400);
        // The fake OpenAI stands in for the user's own server, which serves models OpenAI does not.
        openAi.serving("my-llama-3");
        String endpoint = openAi.baseUrl().toString().replace("127.0.0.1", "localhost");
        assertThat(api.send("PUT", "/api/settings/api-keys/openai-compatible", Map.of("key", userKey,
                "baseUrl", endpoint)).status()).isEqualTo(204);

        List<JsonNode> chunks = chat(api, "compat", "hello my llama", "openai-compatible/my-llama-3");
        assertThat(text(chunks)).isEqualTo(FakeOpenAi.answerTo("hello my llama"));
        FakeOpenAi.Received request = openAi.received().stream()
                .filter(r -> r.body().toString().contains("hello my llama")).findFirst().orElseThrow();
        assertThat(request.authorization()).isEqualTo("Bearer " + userKey);
        assertThat(request.body().get("model").asString()).isEqualTo("my-llama-3");
        assertThat(api.post("/api/chat", turn("compat2", "x", "openai-compatible/bad name!")).status()).isEqualTo(400);
        assertThat(Stacks.client(stack, newUser()).post("/api/chat", turn("c", "x", "openai-compatible/m")).status())
                .as("without a key of one's own").isEqualTo(400);
    }

    @Test
    void anthropicGeminiAndOllamaEachStreamThroughTheirOwnWireProtocol() {
        ApiClient api = Stacks.client(stack, newUser());
        String anthropicKey = "sk-ant-user-" + UUID.randomUUID();
        String googleKey = "goog-user-" + UUID.randomUUID();
        assertThat(api.send("PUT", "/api/settings/api-keys/anthropic", Map.of("key", anthropicKey)).status()).isEqualTo(204);
        assertThat(api.send("PUT", "/api/settings/api-keys/google", Map.of("key", googleKey)).status()).isEqualTo(204);
        assertThat(api.patch("/api/settings", Map.of("reasoningEffort", "high")).status()).isEqualTo(200);

        List<JsonNode> claude = chat(api, "claude", "hello claude", "claude-sonnet-4-5");
        assertThat(text(claude)).isEqualTo(FakeAnthropic.answerTo("hello claude"));
        assertThat(Stacks.anthropic().received()).anySatisfy(r -> {
            assertThat(r.authorization()).isEqualTo(anthropicKey);
            assertThat(r.body().toString()).contains("hello claude");
        });

        List<JsonNode> thinking = chat(api, "gemini", "please think about gemini", "gemini-2.5-flash");
        assertThat(types(thinking)).containsSubsequence("reasoning-start", "reasoning-delta", "reasoning-end",
                "text-start", "text-delta", "text-end");
        assertThat(text(thinking)).isEqualTo(FakeGemini.answerTo("please think about gemini"));
        assertThat(thinking.get(thinking.size() - 1).get("messageMetadata").get("usage").get("reasoningTokens").asLong())
                .isEqualTo(3);
        assertThat(Stacks.gemini().received()).anySatisfy(r -> assertThat(r.authorization()).isEqualTo(googleKey));

        ApiClient fresh = Stacks.client(stack, newUser());
        assertThat(text(chat(fresh, "lite", "free gemini", "gemini-2.5-flash-lite")))
                .isEqualTo(FakeGemini.answerTo("free gemini"));
        assertThat(Stacks.gemini().received()).anySatisfy(r -> {
            assertThat(r.authorization()).isEqualTo(Stacks.APP_GOOGLE_KEY);
            assertThat(r.body().toString()).contains("free gemini");
        });
        assertThat(text(chat(fresh, "llama", "hello llama", "llama3.2"))).isEqualTo(FakeOllama.answerTo("hello llama"));

        for (String model : List.of("claude-sonnet-4-5", "gemini-2.5-flash", "llama3.2")) {
            List<JsonNode> failed = chat(api, "f" + model.replace(".", ""), "fail:429", model);
            assertThat(failed.get(failed.size() - 1).get("errorText").asString()).as(model).contains("429");
        }
    }

    private static List<JsonNode> chat(ApiClient api, String conversation, String text, String model) {
        try (SseStream stream = api.stream("POST", "/api/chat", turn(conversation, text, model))) {
            assertThat(stream.status()).as(model).isEqualTo(200);
            return readAll(stream);
        }
    }

    @Test
    void aProviderErrorIsAnErrorPartTheUsersMessageStaysAndTheFailureIsLogged() {
        String user = newUser();
        ApiClient api = Stacks.client(stack, user);
        for (int status : new int[] {401, 429, 500}) {
            String conversation = "fails-" + status;
            List<JsonNode> chunks;
            try (SseStream stream = api.stream("POST", "/api/chat", turn(conversation, "fail:" + status, "gpt-4o-mini"))) {
                chunks = readAll(stream);
            }
            JsonNode error = chunks.get(chunks.size() - 1);
            assertThat(error.get("type").asString()).isEqualTo("error");
            assertThat(error.get("errorText").asString()).contains("openai").contains(Integer.toString(status))
                    .doesNotContain(Stacks.APP_OPENAI_KEY);
            JsonNode saved = messages(api, conversation);
            assertThat(saved).hasSize(1);
            assertThat(saved.get(0).get("role").asString()).isEqualTo("user");
        }
        List<JsonNode> hung;
        try (SseStream stream = api.stream("POST", "/api/chat", turn("hangs", "fail:hang", "gpt-4o-mini"))) {
            hung = readAll(stream);
        }
        assertThat(hung.get(hung.size() - 1).get("type").asString()).isEqualTo("error");
        assertThat(messages(api, "hangs")).hasSize(1);
        List<EventEnvelope> log = Stacks.events(stack, user);
        assertThat(log).filteredOn(e -> e.payload() instanceof GenerationFailed).hasSize(4);
    }

    @Test
    void aResumedStreamGivesExactlyTheTextOfAnUninterruptedOne() throws Exception {
        ApiClient api = Stacks.client(stack, newUser());
        List<JsonNode> whole;
        try (SseStream stream = api.stream("POST", "/api/chat", turn("whole", "the same question", "demo"))) {
            whole = readAll(stream);
        }
        SseStream first = api.stream("POST", "/api/chat", turn("cut", "the same question", "demo"));
        for (int i = 0; i < 8; i++) {
            assertThat(first.next()).isNotNull();
        }
        first.close();
        List<JsonNode> resumed;
        try (SseStream again = api.stream("GET", "/api/chat/cut/stream", null)) {
            assertThat(again.status()).isEqualTo(200);
            assertThat(again.header("x-vercel-ai-ui-message-stream")).isEqualTo("v1");
            resumed = readAll(again);
        }
        assertThat(text(resumed)).isEqualTo(text(whole));
        assertThat(resumed.get(0).get("type").asString()).isEqualTo("start");
        assertThat(api.stream("GET", "/api/chat/cut/stream", null).status()).as("nothing runs any more").isEqualTo(204);
        assertThat(messages(api, "cut").get(1).get("parts").toString())
                .isEqualTo(messages(api, "whole").get(1).get("parts").toString());
    }

    @Test
    void aClientThatGoesAwayStillGetsItsReplySaved() {
        ApiClient api = Stacks.client(stack, newUser());
        SseStream stream = api.stream("POST", "/api/chat", turn("gone", "I will leave right away", "demo"));
        assertThat(stream.next()).contains("\"start\"");
        stream.close();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(messages(api, "gone")).hasSize(2));
        assertThat(messages(api, "gone").get(1).get("parts").toString()).contains("I will leave right away");
    }

    @Test
    void stopKeepsThePartialTextAndAStopWithNothingRunningIs204() {
        String user = newUser();
        ApiClient api = Stacks.client(stack, user);
        SseStream stream = api.stream("POST", "/api/chat", turn("halt", "stop me halfway", "demo"));
        StringBuilder seen = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            JsonNode chunk = ChatJson.MAPPER.readTree(stream.next());
            if (chunk.get("type").asString().equals("text-delta")) {
                seen.append(chunk.get("delta").asString());
            }
        }
        assertThat(api.post("/api/chat/halt/stop", null).status()).isEqualTo(204);
        List<String> rest = stream.rest();
        assertThat(rest).contains("[DONE]");
        assertThat(rest.stream().filter(d -> d.contains("\"abort\""))).hasSize(1);
        String partial = messages(api, "halt").get(1).get("parts").get(1).get("text").asString();
        assertThat(partial).startsWith(seen.toString());
        assertThat(partial.length()).isLessThan(
                DemoChatModel.answer(new Prompt(List.of(new UserMessage("stop me halfway")))).length());
        assertThat(Stacks.events(stack, user)).filteredOn(e -> e.payload() instanceof GenerationCancelled).hasSize(1);
        assertThat(api.post("/api/chat/halt/stop", null).status()).isEqualTo(204);
        assertThat(api.post("/api/chat/never-ran/stop", null).status()).isEqualTo(204);
    }

    @Test
    void regenerateReplacesTheLastReplyAndTheLogKeepsTheOldOne() {
        String user = newUser();
        ApiClient api = Stacks.client(stack, user);
        try (SseStream stream = api.stream("POST", "/api/chat", turn("again", "first question", "demo"))) {
            readAll(stream);
        }
        String oldId = messages(api, "again").get(1).get("id").asString();
        List<JsonNode> chunks;
        try (SseStream stream = api.stream("POST", "/api/chat", Map.of("id", "again", "messages", List.of(),
                "trigger", "regenerate-message", "messageId", oldId, "model", "gpt-4o-mini"))) {
            chunks = readAll(stream);
        }
        assertThat(text(chunks)).isEqualTo(FakeOpenAi.answerTo("first question"));
        JsonNode saved = messages(api, "again");
        assertThat(saved).hasSize(2);
        assertThat(saved.get(1).get("id").asString()).isNotEqualTo(oldId);
        assertThat(saved.get(1).get("parts").toString()).contains("Echo: first question");
        List<EventEnvelope> log = Stacks.events(stack, user);
        assertThat(log).filteredOn(e -> e.payload() instanceof MessageSuperseded s && s.messageId().equals(oldId)).hasSize(1);
        assertThat(log).filteredOn(e -> e.payload() instanceof MessageAppended m && m.messageId().equals(oldId))
                .as("the replaced reply stays in the log").hasSize(1);
        assertThat(log).filteredOn(e -> e.payload() instanceof GenerationCompleted).hasSize(2);
    }

    @Test
    void theQuotaIsExactWhenMoreChatsThanItAllowsRunAtOnce() throws Exception {
        String user = newUser();
        ApiClient api = new ApiClient(stack.doorUrl(), Stacks.mint(stack).tokenWithPlan(user, Stacks.TINY_PLAN));
        int attempts = Stacks.TINY_DAILY + 20;
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            String conversation = "q" + i;
            // As a careful client does: an Idempotency-Key, and a retry with it after a 503 (a busy machine) or
            // after the Retry-After of a rate limit (those retries count as requests too).
            ApiClient keyed = api.withHeader("Idempotency-Key", "quota-" + i);
            Map<String, Object> body = turn(conversation, "count me", "demo");
            answers.add(pool.submit(() -> {
                for (int attempt = 0; ; attempt++) {
                    try (SseStream stream = keyed.stream("POST", "/api/chat", body)) {
                        if (stream.status() == 503 && attempt < 5) {
                            Thread.sleep(1000);
                            continue;
                        }
                        if (stream.status() == 200) {
                            readAll(stream);
                        } else {
                            String answer = stream.text();
                            assertThat(stream.status()).as(answer).isEqualTo(429);
                            JsonNode problem = ChatJson.MAPPER.readTree(answer);
                            if (problem.get("limitType").asString().equals("rate") && attempt < 5) {
                                Thread.sleep(1000L * Long.parseLong(stream.header("Retry-After")));
                                continue;
                            }
                            assertThat(problem.get("limitType").asString()).isEqualTo("daily");
                            assertThat(problem.get("resetsAt").asString()).isNotBlank();
                        }
                        return stream.status();
                    }
                }
            }));
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> answer : answers) {
            statuses.add(answer.get());
        }
        assertThat(statuses.stream().filter(s -> s == 200)).hasSize(Stacks.TINY_DAILY);
        assertThat(statuses.stream().filter(s -> s == 429)).hasSize(20);
    }

    @Test
    void tooManyRequestsInAMinuteAre429WithRetryAfter() {
        ApiClient api = Stacks.client(stack, newUser());
        Map<String, Object> regenerateNothing = Map.of("id", "nowhere", "messages", List.of(), "trigger", "regenerate-message");
        for (int i = 0; i < Stacks.REQUESTS_PER_MINUTE; i++) {
            assertThat(api.post("/api/chat", regenerateNothing).status()).isEqualTo(404);
        }
        Response limited = api.post("/api/chat", regenerateNothing);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Content-Type")).startsWith("application/problem+json");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);
    }

    @Test
    void mcpToolsAreOfferedRunBetweenStepsStreamedAndSaved() {
        try (TestMcpServer http = TestMcpServer.start(TestMcpServer.Transport.STREAMABLE_HTTP);
                TestMcpServer sse = TestMcpServer.start(TestMcpServer.Transport.SSE)) {
            ApiClient api = Stacks.client(stack, newUser());
            for (Map<String, Object> server : List.of(
                    Map.<String, Object>of("id", "calc", "name", "Calc", "url", http.url(), "transport", "http",
                            "headers", Map.of("X-Api-Key", "mcp-secret-1")),
                    Map.<String, Object>of("id", "dead", "name", "Dead", "url", "http://localhost:1/mcp", "transport", "http"))) {
                assertThat(api.post("/api/mcp-servers", server).status()).isEqualTo(201);
            }
            assertThat(api.patch("/api/settings", Map.of("enabledMcpServers", List.of("calc", "dead"))).status()).isEqualTo(200);

            List<JsonNode> chunks;
            try (SseStream stream = api.stream("POST", "/api/chat", turn("tools", "use tool:add now", "gpt-4o-mini"))) {
                chunks = readAll(stream);
            }
            assertThat(chunks.stream().map(c -> c.get("type").asString()).toList()).containsSubsequence("start",
                    "data-notice", "start-step", "tool-input-start",
                    "tool-input-available", "tool-output-available", "finish-step", "start-step", "text-start",
                    "text-delta", "text-end", "finish-step", "finish");
            assertThat(chunks.stream().filter(c -> c.get("type").asString().equals("data-notice")).findFirst().orElseThrow()
                    .get("data").get("text").asString()).contains("Dead");
            JsonNode input = chunks.stream().filter(c -> c.get("type").asString().equals("tool-input-available"))
                    .findFirst().orElseThrow().get("input");
            assertThat(input.get("a").asInt() + input.get("b").asInt()).isEqualTo(5);
            assertThat(text(chunks)).isEqualTo(FakeOpenAi.answerTo("tool said sum=5"));
            assertThat(http.apiKeysSeen()).containsExactly("mcp-secret-1");
            JsonNode parts = messages(api, "tools").get(1).get("parts");
            assertThat(parts.toString()).contains("\"type\":\"dynamic-tool\"").contains("\"state\":\"output-available\"")
                    .contains("sum=5").doesNotContain("mcp-secret-1");

            try (SseStream stream = api.stream("POST", "/api/chat", turn("boom", "tool:explode", "gpt-4o-mini"))) {
                assertThat(types(readAll(stream))).contains("tool-output-error");
            }
            try (SseStream stream = api.stream("POST", "/api/chat", turn("loop", "tool:loop forever", "gpt-4o-mini"))) {
                List<JsonNode> looped = readAll(stream);
                assertThat(looped.stream().filter(c -> c.get("type").asString().equals("start-step")))
                        .as("at most 5 model calls").hasSize(ChatIT.MAX_STEPS);
                assertThat(looped.get(looped.size() - 1).get("type").asString()).isEqualTo("finish");
            }

            ApiClient other = Stacks.client(stack, newUser());
            assertThat(other.post("/api/mcp-servers", Map.of("id", "calc-sse", "name", "Calc over SSE", "url", sse.url(),
                    "transport", "sse")).status()).isEqualTo(201);
            other.patch("/api/settings", Map.of("enabledMcpServers", List.of("calc-sse")));
            try (SseStream stream = other.stream("POST", "/api/chat", turn("sse", "tool:add over sse", "gpt-4o-mini"))) {
                assertThat(text(readAll(stream))).isEqualTo(FakeOpenAi.answerTo("tool said sum=5"));
            }
        }
    }

    static final int MAX_STEPS = 5;

    @Test
    void badChatInputIs400AndWritesNothing() {
        String user = newUser();
        ApiClient api = Stacks.client(stack, user);
        String longText = "x".repeat(40_000);
        List<Object> bodies = List.of(
                "{not json",
                "[]",
                Map.of("messages", List.of()),
                Map.of("id", "bad id!", "messages", List.of()),
                Map.of("id", "c1", "messages", List.of(), "trigger", "submit-message"),
                Map.of("id", "c1", "messages", "nope"),
                Map.of("id", "c1", "trigger", "dance", "messages", List.of()),
                turn("c1", "hi", "no-such-model"),
                turn("c1", "hi", "claude-sonnet-4-5"),
                turn("c1", longText, "demo"),
                turn("c1", "   ", "demo"),
                Map.of("id", "c1", "messages", List.of(Map.of("id", "m1", "role", "assistant",
                        "parts", List.of(Map.of("type", "text", "text", "hi"))))),
                Map.of("id", "c1", "messages", List.of(Map.of("id", "m1", "role", "user",
                        "parts", List.of(Map.of("type", "file", "url", "data:x", "mediaType", "image/png"))))));
        for (Object body : bodies) {
            Response answer = api.post("/api/chat", body);
            assertThat(answer.status()).as(String.valueOf(body).substring(0, Math.min(80, String.valueOf(body).length())))
                    .isEqualTo(400);
            assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        }
        assertThat(Stacks.events(stack, user)).as("nothing was written").isEmpty();
        assertThat(Set.of(api.get("/api/conversations/c1").status())).containsExactly(404);
    }
}
