package io.twobrains.door;

import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The browser's only door: one origin for the API (reads to query-api, writes and {@code /api/chat}
 * to command-api) and the OpenAPI documents of both.
 *
 * <p>Run: {@code java -jar web-exec.jar} (settings in {@code web.yml}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DoorApplication {

    public static final String CONFIG_NAME = "web";

    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(DoorApplication.class)
                .main(DoorApplication.class)
                .web(WebApplicationType.REACTIVE)
                .properties(Map.of("spring.config.name", CONFIG_NAME));
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
