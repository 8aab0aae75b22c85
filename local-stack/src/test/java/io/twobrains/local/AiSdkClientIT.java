package io.twobrains.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.twobrains.contract.json.ChatJson;
import io.twobrains.testkit.ApiClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The AI SDK's own chat client against the door: {@code AbstractChat} (what {@code useChat} wraps)
 * with its default transport, unmodified, run by Node. It sends, regenerates, resumes with nothing
 * running, and resumes a reply mid-stream as a reload does. Skipped where there is no Node.js or npm
 * registry (the package is installed into {@code target/ai-sdk} on first use).
 */
class AiSdkClientIT {

    private static final String AI_SDK = "ai@5.0.277";
    private static final Path HOME = Path.of("target", "ai-sdk");

    @Test
    void anUnmodifiedAiSdkChatClientSendsRegeneratesAndResumes() throws Exception {
        assumeTrue(installed(), "Node.js and the npm registry are needed for the AI SDK client");
        Files.copy(Path.of("src", "test", "js", "use-chat-client.mjs"), HOME.resolve("use-chat-client.mjs"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        LocalStack stack = Stacks.shared();
        String user = "sdk-" + UUID.randomUUID();
        String token = Stacks.devToken(stack, user);

        JsonNode report = ChatJson.MAPPER.readTree(run(List.of("node", "use-chat-client.mjs",
                stack.doorUrl().toString(), token, "sdk-chat"), 180));

        assertThat(report.get("errors")).as("the client reported no error").isEmpty();
        JsonNode sent = report.get("sent");
        assertThat(sent.get("status").asString()).isEqualTo("ready");
        assertThat(sent.get("messages")).hasSize(2);
        JsonNode reply = sent.get("messages").get(1);
        assertThat(reply.get("role").asString()).isEqualTo("assistant");
        assertThat(reply.get("metadata").get("usage").get("outputTokens").asLong()).isPositive();
        String streamed = text(reply);
        assertThat(streamed).startsWith("[demo model]").contains("Hello from the AI SDK");

        ApiClient api = new ApiClient(stack.doorUrl(), token);
        JsonNode saved = api.get("/api/conversations/sdk-chat/messages").json().get("items");
        JsonNode regenerated = report.get("regenerated").get("messages");
        assertThat(regenerated).hasSize(2);
        assertThat(regenerated.get(1).get("id").asString()).isNotEqualTo(reply.get("id").asString());
        assertThat(saved).hasSize(2);
        assertThat(saved.get(1).get("id").asString()).isEqualTo(regenerated.get(1).get("id").asString());
        assertThat(text(saved.get(1))).isEqualTo(text(regenerated.get(1)));
        assertThat(report.get("resumedWithNothingRunning").get("count").asInt()).isEqualTo(2);

        JsonNode reload = report.get("reload");
        assertThat(reload.get("resumed").asString()).isNotEmpty().isEqualTo(reload.get("original").asString());
    }

    private static String text(JsonNode message) {
        StringBuilder text = new StringBuilder();
        message.get("parts").forEach(part -> {
            if ("text".equals(part.path("type").asString())) {
                text.append(part.get("text").asString());
            }
        });
        return text.toString();
    }

    /** The AI SDK in target/ai-sdk, installed now if it is not there yet; false if it cannot be. */
    private static boolean installed() {
        try {
            if (Files.isDirectory(HOME.resolve("node_modules").resolve("ai"))) {
                return true;
            }
            Files.createDirectories(HOME);
            run(List.of("npm", "install", "--no-audit", "--no-fund", "--silent", AI_SDK), 240);
            return Files.isDirectory(HOME.resolve("node_modules").resolve("ai"));
        } catch (IOException | IllegalStateException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Path out = Files.createTempFile("ai-sdk", ".out");
        Path err = Files.createTempFile("ai-sdk", ".err");
        Process process = new ProcessBuilder(command).directory(HOME.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        boolean ended = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly();
        }
        if (!ended || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: "
                    + Files.readString(err, StandardCharsets.UTF_8));
        }
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
