package io.twobrains.oidc;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Binding {@code twobrains.oidc.*} as Spring Boot does, without starting an application. */
class DevOidcPropertiesTest {

    @Test
    void everyPropertyHasADefault() {
        DevOidcProperties properties = bind(Map.of());

        assertThat(properties.issuer()).isEqualTo("http://localhost:9000");
        assertThat(properties.keyFile()).isEqualTo(Path.of(".twobrains/oidc/signing-key.json"));
        assertThat(properties.audience()).isEqualTo("twobrains");
        assertThat(properties.tokenTtl()).isEqualTo(Duration.ofHours(1));
        assertThat(properties.doorRedirectUri()).isEqualTo("http://localhost:8080/login/oauth2/code/twobrains");
        assertThat(properties.demoUsers()).extracting(DevOidcProperties.DemoUser::username)
                .containsExactly("alice", "bob", "admin");
        assertThat(properties.demoUsers()).allSatisfy(user -> assertThat(user.password()).isEqualTo("password"));
        assertThat(properties.demoUsers().get(2).roles()).containsExactly("admin");
    }

    @Test
    void demoUsersCanBeConfiguredAndDefaultToThePasswordPassword() {
        DevOidcProperties properties = bind(Map.of(
                "twobrains.oidc.demo-users[0].username", "carol",
                "twobrains.oidc.demo-users[0].roles", "admin, support",
                "twobrains.oidc.demo-users[1].username", "dave",
                "twobrains.oidc.demo-users[1].password", "secret"));

        assertThat(properties.demoUsers()).containsExactly(
                new DevOidcProperties.DemoUser("carol", "password", List.of("admin", "support"), null),
                new DevOidcProperties.DemoUser("dave", "secret", List.of(), null));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "twobrains.oidc.issuer            | localhost:9000            | must be an absolute http(s) URL",
            "twobrains.oidc.issuer            | http://localhost:9000/    | must not end with '/'",
            "twobrains.oidc.issuer            | http://localhost:9000?x=1 | must not have a query",
            "twobrains.oidc.audience          | ' '                       | must not be blank",
            "twobrains.oidc.token-ttl         | 0s                        | must be at least one second",
            "twobrains.oidc.token-ttl         | -5m                       | must be at least one second",
            "twobrains.oidc.door-redirect-uri | /login/oauth2/code/x      | must be an absolute http(s) URL",
            "twobrains.oidc.demo-users[0].username | ' '                  | must not be blank" })
    void invalidValuesStopTheApplicationWithAMessageNamingTheProperty(String property, String value, String problem) {
        assertThatExceptionOfType(BindException.class).isThrownBy(() -> bind(Map.of(property, value)))
                .havingRootCause()
                .withMessageContaining(problem)
                .withMessageContaining(property.replaceAll("\\[0]", "[]"));
    }

    @Test
    void duplicateDemoUsernamesAreRejected() {
        assertThatExceptionOfType(BindException.class).isThrownBy(() -> bind(Map.of(
                        "twobrains.oidc.demo-users[0].username", "alice",
                        "twobrains.oidc.demo-users[1].username", "Alice")))
                .havingRootCause()
                .withMessageContaining("duplicate username");
    }

    private static DevOidcProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("twobrains.oidc", DevOidcProperties.class);
    }
}
