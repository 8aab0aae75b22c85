package io.twobrains.processor;

import io.twobrains.processor.kafka.Rebuild;
import io.twobrains.processor.kafka.StreamsSettings;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The per-user brain: a Kafka Streams processor that handles each user's commands in order and
 * serves interactive queries over its stores.
 *
 * <p>Run: {@code java -jar user-stream-processor-exec.jar} (settings in {@code user-stream-processor.yml},
 * overridable as usual). Rebuild its state from {@code chat.events}, with the processor stopped:
 * {@code java -jar user-stream-processor-exec.jar --rebuild}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ProcessorApplication {

    public static final String CONFIG_NAME = "user-stream-processor";

    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(ProcessorApplication.class)
                .main(ProcessorApplication.class)
                .web(WebApplicationType.REACTIVE)
                .properties(Map.of("spring.config.name", CONFIG_NAME));
    }

    public static void main(String[] args) throws Exception {
        if (Arrays.asList(args).contains("--rebuild")) {
            rebuild(args);
            return;
        }
        application().run(args);
    }

    /** Wipes and refolds the processor's state in a context without web server or live topology. */
    public static void rebuild(String... args) throws Exception {
        rebuild(UnaryOperator.identity(), args);
    }

    /** As {@link #rebuild(String...)}, with a hook for embedding (the local stack adds initializers). */
    public static void rebuild(UnaryOperator<SpringApplicationBuilder> customizer, String... args) throws Exception {
        try (ConfigurableApplicationContext context = customizer.apply(new SpringApplicationBuilder(ProcessorApplication.class)
                .web(WebApplicationType.NONE)
                .properties(Map.of("spring.config.name", CONFIG_NAME, "twobrains.processor.mode", "rebuild")))
                .run(args)) {
            ProcessorProperties properties = context.getBean(ProcessorProperties.class);
            new Rebuild(StreamsSettings.rebuild(properties, context.getBean(KafkaProperties.class).buildStreamsProperties()),
                    System.out).run(Duration.ofHours(6));
        }
    }
}
