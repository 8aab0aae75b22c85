package io.twobrains.oidc;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Local-only OpenID Connect provider for development, built on Spring Authorization Server.
 *
 * <p><strong>Never deploy this.</strong> It has demo users with the password {@code password}, a
 * registered client with a well-known secret and an unauthenticated {@code POST /dev/token} endpoint
 * that mints a signed access token for any subject.
 *
 * <p>How to run it on its own (listens on {@code http://localhost:9000}, bound to loopback):
 *
 * <pre>
 * ./mvnw -pl dev-oidc spring-boot:run
 * # or, from an IDE: run DevOidcApplication.main
 *
 * curl -d sub=alice -d roles=admin http://localhost:9000/dev/token
 * curl http://localhost:9000/.well-known/openid-configuration
 * </pre>
 *
 * <p>Inside the local stack (several Spring Boot applications in one JVM) start it with
 * {@code DevOidcApplication.application().run(args)}: the builder forces a servlet web application
 * and reads {@code dev-oidc.yml} instead of {@code application.yml}, so it does not pick up the other
 * applications' configuration from the shared classpath. Settings live under {@code twobrains.oidc.*}
 * (see {@link DevOidcProperties}); the signing key is kept in {@code .twobrains/oidc/signing-key.json}
 * relative to the working directory, so tokens stay valid across restarts.
 *
 * <p>Overriding settings from code: {@code twobrains.oidc.*} can be passed to the builder's
 * {@code properties(...)}, but those are only defaults and lose against {@code dev-oidc.yml}, which sets
 * {@code server.port} (9000) and {@code server.address} (127.0.0.1). Pass those as arguments instead, e.g.
 * {@code application().run("--server.port=0")}.
 */
@SpringBootApplication
public class DevOidcApplication {

    /** The name of this application's configuration file: {@code dev-oidc.yml}. */
    public static final String CONFIG_NAME = "dev-oidc";

    /**
     * A builder preconfigured for this application: servlet stack and {@code spring.config.name=dev-oidc}
     * (set as a default property, so nothing leaks into the JVM's system properties).
     */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(DevOidcApplication.class)
                .main(DevOidcApplication.class)
                .web(WebApplicationType.SERVLET)
                .properties("spring.config.name=" + CONFIG_NAME);
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
