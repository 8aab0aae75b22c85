package io.twobrains.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.twobrains.contract.json.ChatJson;
import io.twobrains.testkit.ApiClient;
import io.twobrains.testkit.ApiClient.Response;
import io.twobrains.testkit.SseStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code docker-compose.yml} works as written, without Docker: its services, each in a process of its
 * own and configured by the file ({@link ComposeTopology}: a broker, PostgreSQL 16, Keycloak with the
 * realm, two nodes and the projector), let a person sign in through the door at Keycloak and chat on
 * either node, and let a script call the API with a token from Keycloak, as the same user, the token's
 * {@code sub}, on every node.
 *
 * <p>Not in the default build: it needs Keycloak's distribution and PostgreSQL 16's binaries (through
 * Maven) and a few minutes. Run it before each stop that touches deployment (docker-compose.yml,
 * deploy/, the Dockerfile, a service's settings or its sign-in):
 * {@code ./mvnw -B -ntp verify -pl local-stack -am -Pcompose-topology -Dsurefire.skip=true -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false -Dit.test=ComposeTopologyIT}.
 */
@Tag("compose-topology")
class ComposeTopologyIT {

    private static final String PASSWORD = "password";
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private static ComposeTopology compose;
    private static JsonNode realm;

    @BeforeAll
    static void start() throws IOException {
        Browser.assumeInstalled();
        String keycloak = System.getProperty("compose-topology.keycloak");
        String postgres = System.getProperty("compose-topology.postgres-binaries");
        Assumptions.assumeTrue(keycloak != null && Files.isDirectory(Path.of(keycloak)) && postgres != null,
                "run with -Pcompose-topology, which brings Keycloak's distribution and PostgreSQL 16's binaries");
        compose = ComposeTopology.start(Path.of(keycloak), Path.of(postgres));
        realm = ChatJson.MAPPER.readTree(Files.readString(ComposeFile.read().root().resolve("deploy/keycloak/twobrains-realm.json")));
        System.out.println("compose topology healthy; seconds to start: " + compose.startUp());
    }

    @AfterAll
    static void stop() {
        if (compose != null) {
            compose.close();
        }
    }

    @Test
    void thePostgresIsTheImagesMajorVersion() {
        assertThat(compose.postgresVersion()).startsWith("16.");
    }

    @Test
    void aScriptsTokenFromKeycloakIsItsUserOnEveryNode() {
        String token = passwordGrant("alice");
        JsonNode claims = claims(token);
        assertThat(claims.get("sub").asString()).isEqualTo(userId("alice"));
        assertThat(claims.get("iss").asString()).isEqualTo(compose.keycloak() + "/realms/twobrains");
        ApiClient first = new ApiClient(compose.door(0), token);
        ApiClient second = new ApiClient(compose.door(1), token);

        for (ApiClient node : List.of(first, second)) {
            Response me = untilNotMoving(() -> node.get("/api/me"));
            assertThat(me.status()).as(me.toString()).isEqualTo(200);
            assertThat(me.json().get("id").asString()).isEqualTo(userId("alice"));
        }
        Response created = untilNotMoving(() -> second.withHeader("Idempotency-Key", "script-trip")
                .post("/api/conversations", Map.of("id", "script-trip", "title", "Trip plans")));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        Response read = first.withHeader("X-Chat-Min-Seq", Long.toString(created.seq())).get("/api/conversations/script-trip");
        assertThat(read.json().get("title").asString()).isEqualTo("Trip plans");

        String streamed;
        try (SseStream chat = first.stream("POST", "/api/chat", Map.of("id", "script-chat", "trigger", "submit-message",
                "messages", List.of(Map.of("id", "m1", "role", "user", "parts", List.of(Map.of("type", "text", "text", "Hello from a script"))))))) {
            assertThat(chat.status()).isEqualTo(200);
            streamed = text(chat.rest());
        }
        assertThat(streamed).contains("[demo model]", "Hello from a script");
        // The projector folds the reply into PostgreSQL, where the node reads usage from.
        Awaitility.await("the projector's usage of the chat").atMost(Duration.ofMinutes(1)).untilAsserted(() ->
                assertThat(first.get("/api/usage/stats?from=" + LocalDate.now(ZoneOffset.UTC)).json()
                        .get("totals").get("messages").asLong()).isPositive());

        Response admin = untilNotMoving(() -> second.withToken(passwordGrant("admin")).get("/api/me"));
        assertThat(admin.json().get("id").asString()).isEqualTo(userId("admin"));
        assertThat(admin.json().get("roles").toString()).contains("admin");
    }

    @Test
    void aPersonSignsInAtKeycloakThroughTheDoorChatsOnEitherNodeAndSignsOut() throws Exception {
        HttpResponse<String> toSignIn = get(compose.door(0) + "/oauth2/authorization/twobrains", null);
        assertThat(toSignIn.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location)
                .startsWith(compose.keycloak() + "/realms/twobrains/protocol/openid-connect/auth?")
                .contains("redirect_uri=" + compose.door(0) + "/login/oauth2/code/twobrains&"));

        try (AppUser alice = AppUser.signIn(compose.door(0), "alice", PASSWORD, userId("alice"))) {
            String session = alice.browser.driver.manage().getCookieNamed("TWOBRAINS_SESSION").getValue();
            HttpResponse<String> me = get(compose.door(0) + "/api/me", session);
            assertThat(me.statusCode()).isEqualTo(200);
            assertThat(ChatJson.MAPPER.readTree(me.body()).get("id").asString()).isEqualTo(userId("alice"));

            alice.send("Hello through the compose file's door");
            String reply = alice.awaitReply();
            assertThat(reply).contains("Hello through the compose file's door");
            String conversation = alice.conversationId();

            // The other node's door: Keycloak's session signs the browser in there without a form.
            alice.browser.go(compose.door(1) + "/c/" + conversation);
            alice.browser.await("the conversation on the second node", d -> d.getCurrentUrl().startsWith(compose.door(1).toString())
                    && alice.signedInAs() && reply.equals(alice.lastReplyText()));
            String sessionThere = alice.browser.driver.manage().getCookieNamed("TWOBRAINS_SESSION").getValue();
            assertThat(get(compose.door(1) + "/api/me", sessionThere).statusCode()).isEqualTo(200);

            alice.browser.find("tb-sidebar .sign-out button").click();
            alice.browser.await("Keycloak's login page: its session has ended too", d ->
                    d.getCurrentUrl().startsWith(compose.keycloak().toString()) && alice.browser.present("#username"));
            assertThat(get(compose.door(1) + "/api/me", sessionThere).statusCode()).isEqualTo(401);
        }
    }

    /** A token as a script gets one: the password grant of the realm's client for scripts. */
    private static String passwordGrant(String username) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                            URI.create(compose.keycloak() + "/realms/twobrains/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=twobrains-cli&username="
                            + username + "&password=" + PASSWORD)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return ChatJson.MAPPER.readTree(response.body()).get("access_token").asString();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The text of a reply's stream: its text deltas, joined. */
    private static String text(List<String> events) {
        StringBuilder text = new StringBuilder();
        for (String event : events) {
            if (event.startsWith("{")) {
                JsonNode chunk = ChatJson.MAPPER.readTree(event);
                if (chunk.path("type").asString("").equals("text-delta")) {
                    text.append(chunk.get("delta").asString());
                }
            }
        }
        return text.toString();
    }

    private static JsonNode claims(String jwt) {
        return ChatJson.MAPPER.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    /** The fixed id the realm gives a demo user. */
    private static String userId(String username) {
        for (JsonNode user : realm.get("users")) {
            if (user.get("username").asString().equals(username)) {
                return user.get("id").asString();
            }
        }
        throw new IllegalArgumentException("no " + username + " in the realm");
    }

    private static HttpResponse<String> get(String url, String session) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (session != null) {
            request.header("Cookie", "TWOBRAINS_SESSION=" + session);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** While partitions settle between the two nodes a request may be a 503 with Retry-After: asks again. */
    private static Response untilNotMoving(Supplier<Response> request) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Response answer = request.get();
        while (answer.status() == 503 && System.nanoTime() < deadline) {
            assertThat(answer.header("Retry-After")).isNotNull();
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            answer = request.get();
        }
        return answer;
    }
}
