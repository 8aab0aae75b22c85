package io.twobrains.oidc;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.PropertySource;

import static io.twobrains.oidc.TestHttp.form;
import static org.assertj.core.api.Assertions.assertThat;

/** Starts the provider the way the local stack does: through {@link DevOidcApplication#application()}. */
class DevOidcApplicationTest {

    @TempDir
    Path tempDir;

    @Test
    void applicationBuilderStartsAServletAppConfiguredFromDevOidcYml() {
        Path keyFile = tempDir.resolve("signing-key.json");

        try (ConfigurableApplicationContext context = start(keyFile)) {
            assertThat(keyFile).as("builder properties reach twobrains.oidc.*").isRegularFile();
            assertThat(context).isInstanceOf(ServletWebServerApplicationContext.class);
            PropertySource<?> devOidcYml = context.getEnvironment().getPropertySources().stream()
                    .filter(source -> source.getName().contains("dev-oidc.yml"))
                    .findFirst().orElseThrow(() -> new AssertionError("dev-oidc.yml was not loaded"));
            assertThat(devOidcYml.getProperty("server.port")).isEqualTo(9000);
            assertThat(port(context)).as("arguments beat dev-oidc.yml").isNotEqualTo(9000);
            // Only dev-oidc.yml sets these.
            assertThat(context.getEnvironment().getProperty("server.servlet.session.cookie.name"))
                    .isEqualTo("TWOBRAINS_OIDC_SESSION");
            assertThat(context.getEnvironment().getProperty("server.address")).isEqualTo("127.0.0.1");
            assertThat(System.getProperty("spring.config.name")).as("nothing leaks into the JVM").isNull();

            DevOidcProperties properties = context.getBean(DevOidcProperties.class);
            assertThat(properties.issuer()).isEqualTo("http://localhost:9000");
            assertThat(properties.audience()).isEqualTo("twobrains");
            assertThat(properties.tokenTtl()).isEqualTo(Duration.ofHours(1));
            assertThat(properties.doorRedirectUri()).isEqualTo("http://localhost:8080/login/oauth2/code/twobrains");
            assertThat(properties.demoUsers()).isEqualTo(DevOidcProperties.DEFAULT_DEMO_USERS);
        }
    }

    @Test
    void signingKeyIsReusedAcrossRestarts() throws Exception {
        Path keyFile = tempDir.resolve("not/yet/there/signing-key.json");

        RSAKey firstKey;
        String tokenFromFirstRun;
        try (ConfigurableApplicationContext first = start(keyFile)) {
            TestHttp http = new TestHttp(port(first));
            firstKey = onlyKey(http);
            HttpResponse<String> response = http.postForm("/dev/token", form("sub", "alice"));
            assertThat(response.statusCode()).isEqualTo(200);
            tokenFromFirstRun = (String) TestHttp.json(response.body()).get("access_token");
        }
        assertThat(keyFile).as("created with its parent directories on first start").isRegularFile();
        String fileAfterFirstRun = Files.readString(keyFile);

        try (ConfigurableApplicationContext second = start(keyFile)) {
            RSAKey secondKey = onlyKey(new TestHttp(port(second)));

            assertThat(secondKey.getKeyID()).isEqualTo(firstKey.getKeyID());
            assertThat(secondKey.getModulus()).isEqualTo(firstKey.getModulus());
            assertThat(secondKey.getPublicExponent()).isEqualTo(firstKey.getPublicExponent());
            assertThat(SignedJWT.parse(tokenFromFirstRun).verify(new RSASSAVerifier(secondKey)))
                    .as("a token from before the restart is still valid").isTrue();
        }
        assertThat(Files.readString(keyFile)).as("the key file is not rewritten").isEqualTo(fileAfterFirstRun);
    }

    /** Port from the arguments (they beat dev-oidc.yml), key file as a builder default (dev-oidc.yml leaves it unset). */
    private static ConfigurableApplicationContext start(Path keyFile) {
        return DevOidcApplication.application()
                .properties("twobrains.oidc.key-file=" + keyFile)
                .run("--server.port=0");
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((ServletWebServerApplicationContext) context).getWebServer().getPort();
    }

    private static RSAKey onlyKey(TestHttp http) throws Exception {
        JWKSet jwks = JWKSet.parse(http.get("/oauth2/jwks", "application/json").body());
        assertThat(jwks.getKeys()).hasSize(1);
        return jwks.getKeys().get(0).toRSAKey();
    }
}
