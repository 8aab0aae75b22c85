package io.twobrains.door.browser;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

import java.util.Arrays;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.config.ResourceHandlerRegistry;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Serves the app: its page at each of its paths, and its modules and styles under {@code /app/}
 * (checked again at every load, so a new build is seen at once; the libraries come from
 * {@code /webjars/}, whose paths carry their versions).
 */
@Configuration(proxyBeanMethods = false)
class AppRoutes implements WebFluxConfigurer {

    @Bean
    RouterFunction<ServerResponse> appPages(AppPage page) {
        RequestPredicate pages = Arrays.stream(BrowserSecurity.PAGES).map(path -> GET(path))
                .reduce(RequestPredicate::or).orElseThrow();
        return RouterFunctions.route(pages, request -> ServerResponse.ok()
                .contentType(MediaType.TEXT_HTML)
                .cacheControl(CacheControl.noCache())
                .bodyValue(page.html()));
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/app/**")
                .addResourceLocations("classpath:/app/")
                .setCacheControl(CacheControl.noCache());
    }
}
