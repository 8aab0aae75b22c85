package io.twobrains.projector;

import io.twobrains.projector.kafka.BatchFolder;
import io.twobrains.projector.kafka.Replay;
import java.util.Arrays;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The global brain's only writer: folds chat.events into Postgres (settings, sealed keys, MCP
 * servers, usage, generations) exactly once. Flyway owns the schema.
 *
 * <p>Run: {@code java -jar usage-projector-exec.jar} (settings in {@code usage-projector.yml}).
 * Rebuild every table from offset 0, with the projector stopped: add {@code --replay}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class UsageProjectorApplication {

    public static final String CONFIG_NAME = "usage-projector";

    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(UsageProjectorApplication.class)
                .main(UsageProjectorApplication.class)
                .web(WebApplicationType.REACTIVE)
                .properties(Map.of("spring.config.name", CONFIG_NAME));
    }

    public static void main(String[] args) {
        if (Arrays.asList(args).contains("--replay")) {
            replay(args);
            return;
        }
        application().run(args);
    }

    /** Replays in a context without web server or live loop; returns the number of events folded. */
    public static long replay(String... args) {
        return replay(UnaryOperator.identity(), args);
    }

    /** As {@link #replay(String...)}, with a hook for embedding (the local stack adds initializers). */
    public static long replay(UnaryOperator<SpringApplicationBuilder> customizer, String... args) {
        try (ConfigurableApplicationContext context = customizer.apply(new SpringApplicationBuilder(UsageProjectorApplication.class)
                .web(WebApplicationType.NONE)
                .properties(Map.of("spring.config.name", CONFIG_NAME, "twobrains.projector.mode", "replay")))
                .run(args)) {
            return new Replay(
                    ProjectorConfiguration.consumerConfig(context.getBean(KafkaProperties.class),
                            context.getBean(ProjectorProperties.class)),
                    context.getBean(JdbcTemplate.class), context.getBean(TransactionTemplate.class),
                    context.getBean(BatchFolder.class), System.out).run();
        }
    }
}
