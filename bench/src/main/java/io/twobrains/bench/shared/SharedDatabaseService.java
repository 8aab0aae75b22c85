package io.twobrains.bench.shared;

import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The shared-database design as a user would build it instead of twobrains: a small Spring WebFlux
 * service with twobrains' own front (service-kit's JWT validation against the same issuer, its JSON
 * codecs, problem details and body limit), whose append is one INSERT into one {@code messages} table
 * for all users and whose page is one indexed SELECT, on the stack's PostgreSQL.
 *
 * <p>JDBC through HikariCP, on a bounded scheduler, rather than R2DBC: it is Spring Boot's default
 * pool and PostgreSQL's reference driver, with server-side prepared statements; it is the stronger
 * baseline of the two on a small machine; and the bare-JDBC line of the bench uses the same driver and
 * pool, so the difference between the two lines is the web front alone.
 *
 * <p>Run (the bench starts it): {@code java -cp <bench classpath> io.twobrains.bench.shared.SharedDatabaseService
 * --server.port=8090 --bench.shared.jdbc-url=jdbc:postgresql://localhost:15432/shared_design
 * --twobrains.security.issuer=http://localhost:9000 --twobrains.security.jwk-set-uri=http://localhost:9000/oauth2/jwks}.
 */
@SpringBootApplication
@EnableConfigurationProperties(SharedDatabaseProperties.class)
public class SharedDatabaseService {

    public static final String CONFIG_NAME = "shared-database-service";

    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(SharedDatabaseService.class)
                .main(SharedDatabaseService.class)
                .web(WebApplicationType.REACTIVE)
                .properties(Map.of("spring.config.name", CONFIG_NAME));
    }

    public static void main(String[] args) {
        application().run(args);
    }

    @Bean(destroyMethod = "close")
    SharedMessages sharedMessages(SharedDatabaseProperties properties) {
        SharedMessages messages = new SharedMessages(properties);
        messages.createTable();
        return messages;
    }
}
