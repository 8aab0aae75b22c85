package io.twobrains.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.twobrains.contract.json.ChatJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

/**
 * The compose stack's Keycloak realm gives tokens the APIs accept. A realm that declares its own
 * client scopes gets none of Keycloak's built-in ones ({@code basic}, which adds {@code sub} since
 * Keycloak 25, {@code profile}, {@code email}): every scope a client names must be declared here, and
 * one of them must map the subject, or every token lacks {@code sub} and every API answers 401.
 */
class KeycloakRealmTest {

    private static final Path REALM = Path.of("deploy", "keycloak", "twobrains-realm.json");
    private static final Path COMPOSE = Path.of("docker-compose.yml");

    private final JsonNode realm = ChatJson.MAPPER.readTree(read(REALM));

    @Test
    void everyScopeAClientNamesIsDeclaredInTheRealm() {
        Set<String> declared = names(realm.get("clientScopes"));
        assertThat(strings(realm.get("defaultDefaultClientScopes"))).isNotEmpty().allSatisfy(scope ->
                assertThat(declared).as("realm default scope %s", scope).contains(scope));
        for (JsonNode client : realm.get("clients")) {
            List<String> scopes = strings(client.get("defaultClientScopes"));
            scopes.addAll(strings(client.get("optionalClientScopes")));
            assertThat(scopes).as(client.get("clientId").asString()).isNotEmpty().allSatisfy(scope ->
                    assertThat(declared).as("scope %s of %s", scope, client.get("clientId").asString()).contains(scope));
        }
    }

    @Test
    void everyClientsAccessTokensCarryTheSubjectTheAudienceAndTheRoles() {
        for (JsonNode client : realm.get("clients")) {
            List<JsonNode> mappers = new ArrayList<>();
            strings(client.get("defaultClientScopes")).forEach(scope -> realm.get("clientScopes").forEach(declared -> {
                if (declared.get("name").asString().equals(scope)) {
                    declared.get("protocolMappers").forEach(mappers::add);
                }
            }));
            client.path("protocolMappers").forEach(mappers::add);
            String id = client.get("clientId").asString();
            assertThat(mappers).as("%s: a sub mapper into the access token", id).anySatisfy(mapper -> {
                assertThat(mapper.get("protocolMapper").asString()).isEqualTo("oidc-sub-mapper");
                assertThat(mapper.get("config").get("access.token.claim").asString()).isEqualTo("true");
            });
            assertThat(mappers).as("%s: audience twobrains", id).anySatisfy(mapper -> {
                assertThat(mapper.get("protocolMapper").asString()).isEqualTo("oidc-audience-mapper");
                assertThat(mapper.get("config").get("included.custom.audience").asString()).isEqualTo("twobrains");
            });
            assertThat(mappers).as("%s: a flat roles claim", id).anySatisfy(mapper ->
                    assertThat(mapper.get("config").path("claim.name").asString("")).isEqualTo("roles"));
        }
    }

    /** The subject is the user id of both brains: it must not change when the realm is imported again. */
    @Test
    void everyUserHasAFixedIdOfItsOwn() {
        Set<String> ids = new HashSet<>();
        for (JsonNode user : realm.get("users")) {
            String id = user.path("id").asString("");
            assertThat(id).as("id of %s", user.get("username").asString()).isNotBlank();
            assertThat(UUID.fromString(id).toString()).isEqualTo(id);
            assertThat(ids.add(id)).as("%s is unique", id).isTrue();
        }
        assertThat(ids).hasSize(3);
    }

    /**
     * {@code docker compose up --scale node=N} publishes each node on a port of its own range, and the door
     * sends browsers back to the port they came in on: the door's client accepts each of them, to sign in and out.
     */
    @Test
    void theDoorsClientAcceptsEveryPortComposePublishesANodeOn() {
        String[] published = ComposeFile.read().service("node").ports().get(0).split(":")[0].split("-");
        JsonNode door = null;
        for (JsonNode client : realm.get("clients")) {
            if (client.get("clientId").asString().equals("twobrains-door")) {
                door = client;
            }
        }
        assertThat(door).isNotNull();
        List<String> redirects = strings(door.get("redirectUris"));
        for (int port = Integer.parseInt(published[0]); port <= Integer.parseInt(published[published.length - 1]); port++) {
            assertThat(redirects).contains("http://localhost:" + port + "/*");
        }
        assertThat(door.get("attributes").get("post.logout.redirect.uris").asString()).isEqualTo("+");
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeKeepsKeycloaksDataAndHasNoDefaultAdminPassword() {
        Map<String, Object> compose = new Yaml().load(read(COMPOSE));
        Map<String, Object> keycloak = (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get("keycloak");
        Map<String, Object> environment = (Map<String, Object>) keycloak.get("environment");
        String password = String.valueOf(environment.get("KC_BOOTSTRAP_ADMIN_PASSWORD"));
        assertThat(password).as("the admin password comes from the environment, with no usable default")
                .matches("\\$\\{KEYCLOAK_ADMIN_PASSWORD(:-|:\\?[^}]*)?}");
        assertThat(environment).as("Keycloak refuses to start with an administrator's name and no password")
                .doesNotContainKey("KC_BOOTSTRAP_ADMIN_USERNAME");
        assertThat((List<String>) keycloak.get("volumes")).anySatisfy(volume ->
                assertThat(volume).startsWith("keycloak-data:/opt/keycloak/data"));
        assertThat((Map<String, Object>) compose.get("volumes")).containsKey("keycloak-data");
    }

    private static Set<String> names(JsonNode scopes) {
        Set<String> names = new HashSet<>();
        scopes.forEach(scope -> names.add(scope.get("name").asString()));
        return names;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array != null) {
            array.forEach(value -> values.add(value.asString()));
        }
        return values;
    }

    /** A file of the repository, found from the module's directory or the root. */
    private static String read(Path relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(relative))) {
                try {
                    return Files.readString(dir.resolve(relative));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalStateException(relative + " not found above " + Path.of("").toAbsolutePath());
    }
}
