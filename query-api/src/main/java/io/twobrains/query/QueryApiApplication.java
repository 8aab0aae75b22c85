package io.twobrains.query;

import io.twobrains.query.db.Analytics;
import io.twobrains.query.db.Freshness;
import io.twobrains.query.db.GlobalReads;
import io.twobrains.query.db.UsageReads;
import io.twobrains.service.web.Relay;
import java.time.Clock;
import org.springframework.r2dbc.core.DatabaseClient;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The read side: chat data through the per-user processor's interactive queries, and (with the
 * global brain) settings, usage and analytics from Postgres.
 *
 * <p>Run: {@code java -jar query-api-exec.jar} (settings in {@code query-api.yml}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class QueryApiApplication {

    public static final String CONFIG_NAME = "query-api";

    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(QueryApiApplication.class)
                .main(QueryApiApplication.class)
                .web(WebApplicationType.REACTIVE)
                .properties(Map.of("spring.config.name", CONFIG_NAME));
    }

    public static void main(String[] args) {
        application().run(args);
    }

    @Bean
    Relay relay(WebClient.Builder webClient) {
        return new Relay(webClient.build());
    }

    @Bean
    GlobalReads globalReads(DatabaseClient db) {
        return new GlobalReads(db);
    }

    @Bean
    UsageReads usageReads(DatabaseClient db) {
        return new UsageReads(db);
    }

    @Bean
    Analytics analytics(DatabaseClient db) {
        return new Analytics(db);
    }

    @Bean
    Freshness freshness(GlobalReads reads, QueryApiProperties properties) {
        return new Freshness(reads, properties);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
