package io.twobrains.processor;

import io.twobrains.processor.kafka.Rebuild;
import io.twobrains.processor.kafka.StreamsSettings;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Replay-based recovery of the per-user brain: wipes the processor's state and folds
 * {@code chat.events} into it again, with every node stopped. Run it as a node is run, with
 * {@code --rebuild} (the node's settings apply: brokers, security, the state directory).
 */
public final class ProcessorRebuild {

    /** The settings a rebuild reads; no web server, no live topology. */
    @EnableConfigurationProperties(ProcessorProperties.class)
    @ImportAutoConfiguration(KafkaAutoConfiguration.class)
    static class Settings {
    }

    private ProcessorRebuild() {
    }

    /**
     * @param customizer what the caller adds to the context (the local stack: its own Netty resources)
     * @param configName the name of the node's configuration file
     * @return the number of events folded
     */
    public static long run(UnaryOperator<SpringApplicationBuilder> customizer, String configName, String... args)
            throws Exception {
        try (ConfigurableApplicationContext context = customizer.apply(new SpringApplicationBuilder(Settings.class)
                        .web(WebApplicationType.NONE)
                        .properties(Map.of("spring.config.name", configName)))
                .run(args)) {
            ProcessorProperties properties = context.getBean(ProcessorProperties.class);
            return new Rebuild(StreamsSettings.rebuild(properties, context.getBean(KafkaProperties.class)
                    .buildStreamsProperties()), System.out).run(Duration.ofHours(6));
        }
    }
}
