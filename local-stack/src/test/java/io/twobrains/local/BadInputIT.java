package io.twobrains.local;

import static io.twobrains.local.ConversationApiIT.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.twobrains.contract.Limits;
import io.twobrains.testkit.ApiClient;
import io.twobrains.testkit.ApiClient.Response;
import io.twobrains.testkit.TokenMint;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bad input gets a clear 4xx as application/problem+json, and nothing is written: the user's seq
 * (which any event, even a rejection, would move) stays where it was.
 */
class BadInputIT {

    private static LocalStack stack;
    private String user;
    private ApiClient api;
    private long seqBefore;

    @BeforeAll
    static void start() {
        stack = Stacks.shared();
    }

    @BeforeEach
    void aUserWithOneConversation() {
        user = "user-" + UUID.randomUUID();
        api = Stacks.client(stack, user);
        seqBefore = api.post("/api/conversations", Map.of("id", "c1", "title", "kept")).seq();
    }

    @Test
    void requestsWithoutAValidTokenAre401() {
        TokenMint mint = Stacks.mint(stack);
        Map<String, String> tokens = Map.of(
                "garbage", "not.a.jwt",
                "expired", mint.token(user, Duration.ofMinutes(-10)),
                "foreign key", mint.withForeignKey().token(user),
                "foreign issuer", mint.withIssuer("http://evil.example").token(user),
                "other audience", mint.withAudience("someone-else").token(user));

        assertProblem(new ApiClient(stack.doorUrl(), null).get("/api/conversations"), 401);
        assertProblem(new ApiClient(stack.doorUrl(), null).post("/api/conversations", Map.of("id", "x")), 401);
        tokens.forEach((kind, token) -> {
            assertProblem(api.withToken(token).get("/api/conversations"), 401);
            assertProblem(api.withToken(token).post("/api/conversations/c1/messages", message("m", "user", kind)), 401);
        });
        assertThat(api.withToken(mint.token(user)).get("/api/conversations/c1").status())
                .as("the same key, issuer and audience are accepted").isEqualTo(200);
        assertNothingWritten();
    }

    @Test
    void contentOverTheLimitsIs400() {
        assertProblem(api.post("/api/conversations", Map.of("title", "x".repeat(81))), 400);
        assertProblem(api.patch("/api/conversations/c1", Map.of("title", "x".repeat(81))), 400);
        assertProblem(api.patch("/api/conversations/c1", Map.of("title", " ")), 400);
        assertProblem(api.post("/api/conversations/c1/messages", message("m", "user", "x".repeat(32_001))), 400);
        assertNothingWritten();
    }

    /** Titles and names are one line; a NUL in a name would also stop the projector's database at it. */
    @Test
    void controlCharactersInTitlesAndNamesAre400() {
        List<Response> refused = List.of(
                api.post("/api/conversations", Map.of("id", "c2", "title", "two\nlines")),
                api.patch("/api/conversations/c1", Map.of("title", "nul\u0000inside")),
                api.post("/api/mcp-servers", Map.of("id", "s1", "name", "nul\u0000name", "url", "https://mcp.example.com/mcp",
                        "transport", "http", "enabled", false)));
        for (Response response : refused) {
            assertProblem(response, 400);
            assertThat(response.json().get("detail").asString()).contains("control characters");
        }
        assertNothingWritten();
    }

    @Test
    void malformedIdsAre400() {
        assertProblem(api.post("/api/conversations", Map.of("id", "has space")), 400);
        assertProblem(api.post("/api/conversations", Map.of("id", "x".repeat(65))), 400);
        assertProblem(api.post("/api/conversations/c1/messages", message("bad/id", "user", "x")), 400);
        assertProblem(api.post("/api/conversations/bad$id/messages", message("m", "user", "x")), 400);
        assertProblem(api.patch("/api/conversations/bad$id", Map.of("title", "t")), 400);
        assertProblem(api.delete("/api/conversations/bad$id"), 400);
        assertProblem(api.get("/api/conversations/bad$id"), 400);
        assertNothingWritten();
    }

    @Test
    void unknownRolesPartTypesAndFieldsAre400() {
        assertProblem(api.post("/api/conversations/c1/messages", message("m", "robot", "x")), 400);
        assertProblem(api.post("/api/conversations/c1/messages",
                Map.of("role", "user", "parts", List.of(Map.of("type", "image", "url", "x")))), 400);
        assertProblem(api.post("/api/conversations/c1/messages", Map.of("role", "user", "parts", List.of())), 400);
        assertProblem(api.post("/api/conversations/c1/messages", Map.of("parts", List.of(Map.of("type", "text", "text", "x")))), 400);
        assertProblem(api.post("/api/conversations", Map.of("id", "c2", "owner", "someone-else")), 400);
        assertNothingWritten();
    }

    @Test
    void malformedJsonIs400() {
        assertProblem(api.post("/api/conversations", "{\"id\": "), 400);
        assertProblem(api.post("/api/conversations/c1/messages", "[1, 2]"), 400);
        assertProblem(api.post("/api/conversations/c1/messages", "{\"role\":\"user\",\"parts\":\"text\"}"), 400);
        assertProblem(api.patch("/api/conversations/c1", "not json at all"), 400);
        assertNothingWritten();
    }

    @Test
    void aBodyOver256KibIs413WithOrWithoutALength() {
        String huge = "{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"text\":\"" + "x".repeat(300 * 1024) + "\"}]}";

        assertProblem(api.post("/api/conversations/c1/messages", huge), 413);
        assertProblem(api.postChunked("/api/conversations/c1/messages", huge.getBytes()), 413);
        assertNothingWritten();
    }

    @Test
    void badQueryParametersAndHeadersAre400() {
        assertProblem(api.get("/api/conversations?limit=0"), 400);
        assertProblem(api.get("/api/conversations?limit=201"), 400);
        assertProblem(api.get("/api/conversations?limit=ten"), 400);
        assertProblem(api.get("/api/conversations/c1/messages?before=!!!"), 400);
        assertProblem(api.get("/api/conversations/c1/messages?before=AAAA"), 400);
        assertProblem(api.withHeader("X-Chat-Min-Seq", "soon").get("/api/conversations"), 400);
        assertProblem(api.withHeader("Idempotency-Key", "x".repeat(300)).post("/api/conversations", Map.of()), 400);
        assertNothingWritten();
    }

    /**
     * Two requests sent at once on one connection, the second with headers over the door's limit: the
     * first is answered in full, then the second with a 431 problem, then the connection closes. The
     * door must not write the problem into the middle of the first answer (it has not even begun when
     * the second request is found undecodable).
     */
    @Test
    void anUndecodableRequestBehindAnotherIsAnsweredAfterIt() throws IOException {
        URI door = stack.doorUrl();
        String authority = door.getHost() + ":" + door.getPort();
        String first = "GET /api/conversations/c1 HTTP/1.1\r\nHost: " + authority + "\r\nAuthorization: Bearer "
                + Stacks.devToken(stack, user) + "\r\n\r\n";
        String second = "DELETE /api/conversations/c1 HTTP/1.1\r\nHost: " + authority + "\r\nX-Huge: "
                + "x".repeat(10_000) + "\r\n\r\n";
        try (Socket socket = new Socket(door.getHost(), door.getPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write((first + second).getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            RawHttpResponse.Reader answers = new RawHttpResponse.Reader(socket.getInputStream());

            RawHttpResponse answer = answers.next();
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertThat(answer.body()).contains("\"kept\"");
            RawHttpResponse problem = answers.next();
            assertThat(problem.status()).as(problem.body()).isEqualTo(431);
            assertThat(problem.header("content-type")).startsWith("application/problem+json");
            assertThat(problem.body()).contains("\"status\":431");
            assertThat(answers.atEnd()).as("the door closes the connection after the problem").isTrue();
        }
        assertNothingWritten();
    }

    /**
     * A request refused for its size without its body being read, arriving while the answer before it
     * is still being finished (here pipelined behind a GET), must leave the connection usable: the
     * next request on it is answered. Reactor Netty before 1.3.8 stopped reading such a connection
     * (reactor-netty#4347); FuzzIT met it as a request that was never answered.
     */
    @Test
    void aBodyRefusedUnreadBehindAnotherRequestLeavesTheConnectionUsable() throws IOException {
        URI door = stack.doorUrl();
        String authority = door.getHost() + ":" + door.getPort();
        String bearer = "Authorization: Bearer " + Stacks.devToken(stack, user) + "\r\n";
        String read = "GET /api/conversations/c1 HTTP/1.1\r\nHost: " + authority + "\r\n" + bearer + "\r\n";
        byte[] oversized = "x".repeat(Limits.MAX_BODY_BYTES + 1024).getBytes(StandardCharsets.US_ASCII);
        String refused = "PATCH /api/conversations/c1 HTTP/1.1\r\nHost: " + authority + "\r\n" + bearer
                + "Idempotency-Key: " + UUID.randomUUID() + "\r\nContent-Type: application/json\r\nContent-Length: "
                + oversized.length + "\r\n\r\n";
        try (Socket socket = new Socket(door.getHost(), door.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write((read + refused).getBytes(StandardCharsets.US_ASCII));
            out.write(oversized);
            out.flush();
            RawHttpResponse.Reader answers = new RawHttpResponse.Reader(socket.getInputStream());
            assertThat(answers.next().status()).isEqualTo(200);
            RawHttpResponse tooLarge = answers.next();
            assertThat(tooLarge.status()).as(tooLarge.body()).isEqualTo(413);
            assertThat(tooLarge.header("content-type")).startsWith("application/problem+json");

            out.write(read.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            RawHttpResponse next = answers.next();
            assertThat(next.status()).as(next.body()).isEqualTo(200);
            assertThat(next.body()).contains("\"kept\"");
        }
        assertNothingWritten();
    }

    private void assertProblem(Response response, int status) {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("status").asInt()).isEqualTo(status);
        assertThat(response.json().get("detail").asString()).isNotBlank();
    }

    private void assertNothingWritten() {
        Supplier<Response> read = () -> api.get("/api/conversations/c1");
        Response now = read.get();
        assertThat(now.seq()).isEqualTo(seqBefore);
        assertThat(now.json().get("title").asString()).isEqualTo("kept");
        assertThat(Stacks.events(stack, user)).hasSize((int) seqBefore);
    }
}
