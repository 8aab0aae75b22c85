package io.twobrains.local;

import static io.twobrains.local.ConversationApiIT.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.twobrains.contract.event.EventEnvelope;
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
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.BeforeProperty;
import tools.jackson.databind.JsonNode;

/**
 * Fuzzing every endpoint through the door with mutated bodies, odd headers and bad tokens. Whatever
 * comes in: never a 5xx; every answer that is not a success is a 4xx {@code application/problem+json}
 * with status and title; and a write refused before the processor leaves no event in
 * {@code chat.events}. The seeds are fixed, so a failure reproduces (jqwik prints the seed).
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
    private boolean everyRequestInvalid;
    /** A try failed: the after-property checks must not hide its report behind their own. */
    private boolean aTryFailed;

    @BeforeContainer
    static void start() {
        stack = Stacks.shared();
    }

    /** Each property fuzzes a fresh user who has a conversation c1 with a message, and an MCP server s1. */
    @BeforeProperty
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

    @AfterProperty
    void refusedWritesWroteNothing() {
        System.out.println("FuzzIT " + user + ": " + ledger.summary());
        if (aTryFailed) {
            return;
        }
        List<EventEnvelope> events = Stacks.events(stack, user);
        ledger.assertRefusedWritesWroteNothing(events);
        if (everyRequestInvalid) {
            ledger.assertNothingWritten(events);
        }
    }

    @Example
    void everyEndpointOfTheControllersIsFuzzed() {
        Set<String> fuzzed = new TreeSet<>();
        for (Target target : FuzzTargets.all()) {
            assertThat(ApiEndpoints.matching(ApiEndpoints.all(), target.method(), target.path())).isEqualTo(target.endpoint());
            fuzzed.add(target.endpoint());
        }
        assertThat(fuzzed).isEqualTo(ApiEndpoints.all());
    }

    @Property(tries = 200, seed = "20261127")
    void mutatedBodiesAreProblemsOrSuccessesAndRefusedOnesWriteNothing(@ForAll("writes") Target target,
            @ForAll("mutations") BodyMutation mutation, @ForAll("contentTypes") String contentType) {
        byte[] body = mutation.apply(target.validBody() == null ? "{\"title\":\"t\"}" : target.validBody());
        String key = ledger.freshKey();
        List<Tuple2<String, String>> headers = new ArrayList<>(List.of(Tuple.of("Idempotency-Key", key)));
        if (!contentType.equals("none")) {
            headers.add(Tuple.of("Content-Type", contentType));
        }
        Response answer = send(target, "Bearer " + token, headers, body);
        ledger.record(key, answer);
        checked(() -> assertWellFormed(target + " with " + mutation + " as " + contentType, answer));
    }

    @Property(tries = 200, seed = "4711")
    void oddHeadersAreProblemsOrSuccessesAndRefusedWritesWriteNothing(@ForAll("targets") Target target,
            @ForAll("headerSets") List<Tuple2<String, String>> odd) {
        List<Tuple2<String, String>> headers = new ArrayList<>(odd);
        String key = odd.stream().filter(h -> h.get1().equals("Idempotency-Key")).map(Tuple2::get2).findFirst().orElse(null);
        if (target.erases()) {
            // Any acceptable request here erases the fuzz user: only a key the API must refuse is sent.
            headers.removeIf(h -> h.get1().equals("Idempotency-Key"));
            key = "not a valid key";
            headers.add(Tuple.of("Idempotency-Key", key));
        } else if (key == null) {
            key = ledger.freshKey();
            headers.add(Tuple.of("Idempotency-Key", key));
        }
        if (target.validBody() != null && headers.stream().noneMatch(h -> h.get1().equalsIgnoreCase("Content-Type"))) {
            headers.add(Tuple.of("Content-Type", "application/json"));
        }
        byte[] body = target.validBody() == null ? null : target.validBody().getBytes(StandardCharsets.UTF_8);
        Response answer = send(target, "Bearer " + token, headers, body);
        ledger.record(target.method().equals("GET") ? null : key, answer);
        checked(() -> {
            assertWellFormed(target + " with " + odd, answer);
            if (target.erases()) {
                assertThat(answer.status()).as("an erasure with a bad key").isEqualTo(400);
            }
        });
    }

    @Property(tries = 200, seed = "1337")
    void badTokensAre401ProblemsOnEveryEndpointAndWriteNothing(@ForAll("targets") Target target,
            @ForAll("badTokens") String badToken) {
        everyRequestInvalid = true;
        byte[] body = target.validBody() == null ? null : target.validBody().getBytes(StandardCharsets.UTF_8);
        List<Tuple2<String, String>> headers = body == null ? List.of() : List.of(Tuple.of("Content-Type", "application/json"));
        Response answer = send(target, authorization(badToken), headers, body);
        String what = target + " with a token that is " + badToken;
        ledger.record(null, answer);
        // A token too large for the door's header limit is refused before it is looked at.
        int expected = badToken.equals("beyond the header limit") ? 431 : 401;
        checked(() -> {
            assertThat(answer.status()).as(what + " answered " + abbreviated(answer.text())).isEqualTo(expected);
            assertWellFormed(what, answer);
            if (expected == 401) {
                assertThat(answer.header("WWW-Authenticate")).as(what).startsWith("Bearer");
            }
            assertThat(api.get("/api/conversations/c1").seq()).as("the fuzz user's seq after " + what).isEqualTo(seqBefore);
        });
    }

    @Provide
    Arbitrary<Target> writes() {
        return Arbitraries.of(FuzzTargets.writes());
    }

    @Provide
    Arbitrary<Target> targets() {
        return Arbitraries.of(FuzzTargets.all());
    }

    @Provide
    Arbitrary<BodyMutation> mutations() {
        return BodyMutation.any();
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.just("application/json")),
                Tuple.of(6, Arbitraries.of("none", "text/plain", "application/xml", "application/x-www-form-urlencoded",
                        "multipart/form-data; boundary=x", "application/json; charset=utf-16", "application/json; charset=nonsense",
                        "application/json; charset=", "*/*", "application", "application/problem+json", "application/json;;;",
                        "text/event-stream", "application/*+json", "image/png", "application/octet-stream")),
                Tuple.of(1, Arbitraries.strings().ascii().ofMaxLength(60)));
    }

    @Provide
    Arbitrary<List<Tuple2<String, String>>> headerSets() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(300).map(v -> Tuple.of("Idempotency-Key", v)),
                Arbitraries.strings().all().ofMaxLength(40).map(v -> Tuple.of("Idempotency-Key", v)),
                Arbitraries.of("", " ", "a b", "é", "x".repeat(255), "x".repeat(256), "\t").map(v -> Tuple.of("Idempotency-Key", v)),
                contentTypes().filter(v -> !v.equals("none")).map(v -> Tuple.of("Content-Type", v)),
                Arbitraries.of("application/json", "text/html", "application/xml", "text/event-stream", "*/*;q=0",
                        "application/problem+json", "garbage/", "", "image/png", "text/plain;q=1, */*;q=0", "application/*")
                        .map(v -> Tuple.of("Accept", v)),
                Arbitraries.of("-1", "abc", "1.5", "", "0", " 1", "99999999999999999999999", "0x10", "1,2")
                        .map(v -> Tuple.of("X-Chat-Min-Seq", v)),
                Arbitraries.of("gzip", "br", "deflate", "identity", "nonsense").map(v -> Tuple.of("Content-Encoding", v)),
                Arbitraries.of("http://evil.example", "null", "").map(v -> Tuple.of("Origin", v)),
                Arbitraries.of("for=\"[bad", "host=evil:notaport;proto=gopher", "for=1.2.3.4;by=;;").map(v -> Tuple.of("Forwarded", v)),
                Arbitraries.of("evil:notaport", "a b", "[::1").map(v -> Tuple.of("X-Forwarded-Host", v)),
                Arbitraries.of("gopher", "", "https,http").map(v -> Tuple.of("X-Forwarded-Proto", v)),
                Arbitraries.of("x", "-1", "99999999999").map(v -> Tuple.of("X-Forwarded-Port", v)),
                Arbitraries.of("/../admin", "//evil", "%2e%2e").map(v -> Tuple.of("X-Forwarded-Prefix", v)),
                Arbitraries.of("bytes=0-1", "bytes=x", "*").map(v -> Tuple.of("Range", v)),
                Arbitraries.integers().between(1_000, 12_000).map(n -> Tuple.of("X-Huge", "x".repeat(n))),
                Arbitraries.strings().withCharRange('a', 'z').withChars('-').ofMinLength(1).ofMaxLength(20)
                        .flatMap(name -> Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(200).map(v -> Tuple.of("X-" + name, v))))
                .list().ofMinSize(1).ofMaxSize(4).uniqueElements(h -> h.get1().toLowerCase());
    }

    /** What is wrong with a token; {@link #authorization} makes it, for the fuzz user. */
    @Provide
    Arbitrary<String> badTokens() {
        Arbitrary<String> kinds = Arbitraries.of("missing", "empty", "not a bearer", "two tokens", "alg none",
                "HS256 with the public key", "signed by a foreign key", "expired", "not yet valid", "of another issuer",
                "for another audience", "without audience", "without subject", "with an unusable subject", "with a blank subject",
                "without expiry", "tampered", "oversized and foreign", "beyond the header limit");
        Arbitrary<String> garbage = Arbitraries.strings().withCharRange('!', '~').ofMaxLength(400).map(s -> "garbage " + s);
        Arbitrary<String> garbageJwt = Arbitraries.strings().alpha().numeric().withChars('-', '_').ofMinLength(1)
                .ofMaxLength(80).list().ofSize(3).map(parts -> "garbage " + String.join(".", parts));
        return Arbitraries.frequencyOf(Tuple.of(6, kinds), Tuple.of(1, garbage), Tuple.of(1, garbageJwt));
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

    private void checked(Runnable assertions) {
        try {
            assertions.run();
        } catch (AssertionError failure) {
            aTryFailed = true;
            throw failure;
        }
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

    private static String abbreviated(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    /** A raw request: these headers only (plus the bearer), the body as bytes. Requests the client cannot send are skipped. */
    private static Response send(Target target, String authorization, List<Tuple2<String, String>> headers, byte[] body) {
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(stack.doorUrl() + target.path()))
                    .timeout(Duration.ofSeconds(60))
                    .method(target.method(), body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            for (Tuple2<String, String> header : headers) {
                request.header(header.get1(), header.get2());
            }
        } catch (IllegalArgumentException notSendable) {
            Assume.that(false);
            throw notSendable;
        }
        try {
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(target + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
