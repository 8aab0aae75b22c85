package io.twobrains.door;

import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * The routing table of the door. Reads go to query-api; everything else, and the whole of
 * {@code /api/chat} (completions and their streams), goes to command-api. Bearer tokens pass
 * through untouched: the APIs check them.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class DoorRoutes {

    @Bean
    RouteLocator routes(RouteLocatorBuilder builder, DoorProperties door) {
        String commands = door.commandApiUrl().toString();
        String queries = door.queryApiUrl().toString();
        return builder.routes()
                .route("chat", r -> r.order(0).path("/api/chat", "/api/chat/**").uri(commands))
                .route("reads", r -> r.order(1).path("/api/**").and().method(HttpMethod.GET, HttpMethod.HEAD).uri(queries))
                .route("writes", r -> r.order(2).path("/api/**").uri(commands))
                .route("command-docs", r -> r.order(3).path("/v3/api-docs/command-api")
                        .filters(f -> f.setPath("/v3/api-docs")).uri(commands))
                .route("query-docs", r -> r.order(4).path("/v3/api-docs/query-api")
                        .filters(f -> f.setPath("/v3/api-docs")).uri(queries))
                .build();
    }

    /** The door authenticates nobody yet: API clients carry bearer tokens that the APIs validate. */
    @Bean
    SecurityWebFilterChain doorSecurity(ServerHttpSecurity http) {
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
                .build();
    }
}
