package io.twobrains.local;

import static io.twobrains.local.ConversationApiIT.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.twobrains.contract.event.EventEnvelope;
import io.twobrains.local.FuzzCases.BadToken;
import io.twobrains.local.FuzzCases.Header;
import io.twobrains.local.FuzzCases.MutatedWrite;
import io.twobrains.local.FuzzCases.OddHeaders;
import io.twobrains.local.FuzzTargets.Target;
import io.twobrains.testkit.ApiClient;
import io.twobrains.testkit.ApiClient.Response;
import io.twobrains.testkit.TokenMint;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Fuzzing every endpoint through the door with mutated bodies, odd headers and bad tokens. Whatever
 * comes in: never a 5xx; every answer that is not a success is a 4xx {@code application/problem+json}
 * with status and title; and a write refused before the processor leaves no event in
 * {@code chat.events}. Each property is {@link SeededTries#TRIES} tries drawn from a fixed seed, so a
 * failure names the try, the seed and the case, and reproduces.
 */
class FuzzIT {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private static LocalStack stack;
    private String user;
    private String token;
    private ApiClient api;
    private long seqBefore;
    private WriteLedger ledger;

    @BeforeAll
    static void start() {
        stack = Stacks.shared();
    }

    /** Each test fuzzes a fresh user who has a conversation c1 with a message, and an MCP server s1. */
    @BeforeEach
    void aFuzzUserWithData() {
        user = "fuzz-" + UUID.randomUUID();
        api = Stacks.client(stack, user);
        token = Stacks.mint(stack).token(user);
        assertThat(api.post("/api/conversations", Map.of("id", "c1", "title", "kept")).status()).isEqualTo(201);
        assertThat(api.post("/api/conversations/c1/messages", message("m0", "user", "first")).status()).isEqualTo(201);
        seqBefore = api.post("/api/mcp-servers", Map.of("id", "s1", "name", "fz", "url", "http://localhost:1/mcp",
                "transport", "http", "enabled", false)).seq();
        ledger = new WriteLedger(user, (int) seqBefore);
    }

    @AfterEach
    void summary() {
        if (ledger != null) {
            System.out.println("FuzzIT " + user + ": " + ledger.summary());
        }
    }

    @Test
    void everyEndpointOfTheControllersIsFuzzed() {
        Set<String> fuzzed = new TreeSet<>();
        for (Target target : FuzzTargets.all()) {
            assertThat(ApiEndpoints.matching(ApiEndpoints.all(), target.method(), target.path())).isEqualTo(target.endpoint());
            fuzzed.add(target.endpoint());
        }
        assertThat(fuzzed).isEqualTo(ApiEndpoints.all());
    }

    @Test
    void mutatedBodiesAreProblemsOrSuccessesAndRefusedOnesWriteNothing() {
        SeededTries.check(20261127, MutatedWrite::draw, write -> {
            Target target = write.target();
            byte[] body = write.mutation().apply(target.validBody() == null ? "{\"title\":\"t\"}" : target.validBody());
            String key = ledger.freshKey();
            List<Header> headers = new ArrayList<>(List.of(Header.of("Idempotency-Key", key)));
            if (!write.contentType().equals("none")) {
                headers.add(Header.of("Content-Type", write.contentType()));
            }
            Response answer = send(target, "Bearer " + token, headers, body);
            ledger.record(key, answer);
            assertWellFormed(target + " with " + write.mutation() + " as " + write.contentType(), answer);
        });

        ledger.assertRefusedWritesWroteNothing(Stacks.events(stack, user));
    }

    @Test
    void oddHeadersAreProblemsOrSuccessesAndRefusedWritesWriteNothing() {
        SeededTries.check(4711, OddHeaders::draw, odd -> {
            Target target = odd.target();
            List<Header> headers = new ArrayList<>(odd.headers());
            String key = odd.headers().stream().filter(h -> h.name().equals("Idempotency-Key")).map(Header::value).findFirst()
                    .orElse(null);
            if (target.erases()) {
                // Any acceptable request here erases the fuzz user: only a key the API must refuse is sent.
                headers.removeIf(h -> h.name().equals("Idempotency-Key"));
                key = "not a valid key";
                headers.add(Header.of("Idempotency-Key", key));
            } else if (key == null) {
                key = ledger.freshKey();
                headers.add(Header.of("Idempotency-Key", key));
            }
            if (target.validBody() != null && headers.stream().noneMatch(h -> h.name().equalsIgnoreCase("Content-Type"))) {
                headers.add(Header.of("Content-Type", "application/json"));
            }
            byte[] body = target.validBody() == null ? null : target.validBody().getBytes(StandardCharsets.UTF_8);
            Response answer = send(target, "Bearer " + token, headers, body);
            ledger.record(target.method().equals("GET") ? null : key, answer);
            assertWellFormed(target + " with " + odd.headers(), answer);
            if (target.erases()) {
                assertErasureRefused(headers, answer);
            }
        });

        ledger.assertRefusedWritesWroteNothing(Stacks.events(stack, user));
    }

    @Test
    void badTokensAre401ProblemsOnEveryEndpointAndWriteNothing() {
        SeededTries.check(1337, BadToken::draw, bad -> {
            Target target = bad.target();
            byte[] body = target.validBody() == null ? null : target.validBody().getBytes(StandardCharsets.UTF_8);
            List<Header> headers = body == null ? List.of() : List.of(Header.of("Content-Type", "application/json"));
            Response answer = send(target, authorization(bad.kind()), headers, body);
            String what = target + " with a token that is " + bad.kind();
            ledger.record(null, answer);
            // A token too large for the door's header limit is refused before it is looked at.
            int expected = bad.kind().equals("beyond the header limit") ? 431 : 401;
            assertThat(answer.status()).as(what + " answered " + abbreviated(answer.text())).isEqualTo(expected);
            assertWellFormed(what, answer);
            if (expected == 401) {
                assertThat(answer.header("WWW-Authenticate")).as(what).startsWith("Bearer");
            }
            assertThat(api.get("/api/conversations/c1").seq()).as("the fuzz user's seq after " + what).isEqualTo(seqBefore);
        });

        List<EventEnvelope> events = Stacks.events(stack, user);
        ledger.assertRefusedWritesWroteNothing(events);
        ledger.assertNothingWritten(events);
    }

    /** The Authorization header of a bad token of this kind, naming the fuzz user. */
    private String authorization(String kind) {
        TokenMint mint = Stacks.mint(stack);
        Instant now = Instant.now();
        if (kind.startsWith("garbage ")) {
            return "Bearer " + kind.substring("garbage ".length());
        }
        return switch (kind) {
            case "missing" -> null;
            case "empty" -> "Bearer ";
            case "not a bearer" -> "Basic dXNlcjpwYXNz";
            case "two tokens" -> "Bearer " + mint.token(user) + " " + mint.token(user);
            case "alg none" -> "Bearer " + mint.unsignedToken(user);
            case "HS256 with the public key" -> "Bearer " + mint.hmacTokenWithPublicKey(user);
            case "signed by a foreign key" -> "Bearer " + mint.withForeignKey().token(user);
            case "expired" -> "Bearer " + mint.token(user, Duration.ofMinutes(-10));
            case "not yet valid" -> "Bearer " + mint.tokenWith(user, claims -> claims
                    .notBeforeTime(Date.from(now.plus(Duration.ofMinutes(10))))
                    .issueTime(Date.from(now.plus(Duration.ofMinutes(10)))));
            case "of another issuer" -> "Bearer " + mint.withIssuer("http://evil.example").token(user);
            case "for another audience" -> "Bearer " + mint.withAudience("someone-else").token(user);
            case "without audience" -> "Bearer " + mint.tokenWith(user, claims -> claims.audience((String) null));
            case "without subject" -> "Bearer " + mint.tokenWith(user, claims -> claims.subject(null));
            // Any other subject is just another user; one with a control character or a blank one is no user.
            case "with an unusable subject" -> "Bearer " + mint.tokenWith(user, claims -> claims.subject(user + "\u0007"));
            case "with a blank subject" -> "Bearer " + mint.tokenWith(user, claims -> claims.subject(" "));
            case "without expiry" -> "Bearer " + mint.tokenWith(user, claims -> claims.expirationTime(null));
            case "tampered" -> "Bearer " + tampered(mint.token(user));
            case "oversized and foreign" -> "Bearer " + mint.withForeignKey().tokenWith(user,
                    claims -> claims.claim("padding", "x".repeat(4_000)));
            case "beyond the header limit" -> "Bearer " + mint.tokenWith(user, claims -> claims.claim("padding", "x".repeat(12_000)));
            default -> throw new IllegalArgumentException(kind);
        };
    }

    /** The token with its payload swapped for another subject's, the signature kept. */
    private static String tampered(String jwt) {
        String[] parts = jwt.split("\\.");
        String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"sub\":\"", "\"sub\":\"x");
        return parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }

    private static void assertWellFormed(String what, Response answer) {
        String described = what + " answered " + answer.status() + " " + abbreviated(answer.text());
        assertThat(answer.status()).as(described).isLessThan(500);
        if (answer.status() >= 300) {
            assertThat(answer.status()).as(described).isBetween(400, 499);
            assertThat(answer.header("Content-Type")).as(described).startsWith("application/problem+json");
            JsonNode problem = answer.json();
            assertThat(problem.path("status").asInt()).as(described).isEqualTo(answer.status());
            assertThat(problem.path("title").asString("")).as(described).isNotBlank();
        }
    }

    /**
     * An erasure with a bad key is refused for its key (400), or by the door when its headers alone outgrow
     * the door's 7 KB header limit (431). Near the limit the request line and the client's own headers decide,
     * so there either refusal will do.
     */
    private void assertErasureRefused(List<Header> headers, Response answer) {
        int doorLimit = 7 * 1024;
        int headerBytes = ("Authorization: Bearer " + token).length()
                + headers.stream().mapToInt(h -> (h.name() + ": " + h.value() + "\r\n").getBytes(StandardCharsets.UTF_8).length).sum();
        String what = "an erasure with a bad key and " + headerBytes + " bytes of headers";
        if (headerBytes > doorLimit) {
            assertThat(answer.status()).as(what).isEqualTo(431);
        } else if (headerBytes > doorLimit - 512) {
            assertThat(answer.status()).as(what).isIn(400, 431);
        } else {
            assertThat(answer.status()).as(what).isEqualTo(400);
        }
    }

    private static String abbreviated(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    /** A raw request: these headers only (plus the bearer), the body as bytes. Requests the client cannot send are discarded. */
    private static Response send(Target target, String authorization, List<Header> headers, byte[] body) {
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(stack.doorUrl() + target.path()))
                    .timeout(Duration.ofSeconds(60))
                    .method(target.method(), body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            for (Header header : headers) {
                request.header(header.name(), header.value());
            }
        } catch (IllegalArgumentException notSendable) {
            throw new SeededTries.Discarded(target + " cannot be sent", notSendable);
        }
        try {
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(target + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
