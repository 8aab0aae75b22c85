package io.twobrains.command;

import io.twobrains.command.chat.SharedElasticPool;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The write side: every write of twobrains enters here, becomes a command on the user's partition,
 * and is answered once the per-user processor has decided it.
 *
 * <p>Run: {@code java -jar command-api-exec.jar} (settings in {@code command-api.yml}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CommandApiApplication {

    public static final String CONFIG_NAME = "command-api";

    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(CommandApiApplication.class)
                .main(CommandApiApplication.class)
                .web(WebApplicationType.REACTIVE)
                .properties(Map.of("spring.config.name", CONFIG_NAME));
    }

    public static void main(String[] args) {
        SharedElasticPool.size();
        application().run(args);
    }
}
