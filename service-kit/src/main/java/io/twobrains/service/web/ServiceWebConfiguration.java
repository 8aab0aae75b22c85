package io.twobrains.service.web;

import io.twobrains.contract.Limits;
import io.twobrains.contract.json.ChatJson;
import io.twobrains.service.problem.ProblemExceptionHandler;
import io.twobrains.service.security.ChatUserArgumentResolver;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.http.codec.CodecCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.http.codec.json.JacksonJsonDecoder;
import org.springframework.http.codec.json.JacksonJsonEncoder;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;

/**
 * Web defaults every twobrains API shares: problem details for every error, a 256 KiB body limit,
 * strict JSON input, and {@link io.twobrains.service.security.ChatUser} handler parameters.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnProperty(prefix = "twobrains.security", name = "issuer")
public class ServiceWebConfiguration implements WebFluxConfigurer {

    @Override
    public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
        configurer.addCustomResolver(new ChatUserArgumentResolver());
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ProblemExceptionHandler problemExceptionHandler() {
        return new ProblemExceptionHandler();
    }

    @Bean
    BodyLimitFilter bodyLimitFilter() {
        return new BodyLimitFilter();
    }

    /** Client input is read strictly (an unknown property is a 400, not silently dropped); output is shaped like the log. */
    @Bean
    CodecCustomizer strictJsonInput() {
        return configurer -> {
            configurer.defaultCodecs().maxInMemorySize(Limits.MAX_BODY_BYTES);
            configurer.defaultCodecs().jacksonJsonDecoder(new JacksonJsonDecoder(ChatJson.strict()));
            configurer.defaultCodecs().jacksonJsonEncoder(new JacksonJsonEncoder(ChatJson.MAPPER));
        };
    }
}
