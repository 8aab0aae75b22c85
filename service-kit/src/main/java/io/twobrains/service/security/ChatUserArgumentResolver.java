package io.twobrains.service.security;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Lets a handler take a {@link ChatUser} parameter, filled from the validated JWT. */
public class ChatUserArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return ChatUser.class.equals(parameter.getParameterType());
    }

    @Override
    public Mono<Object> resolveArgument(MethodParameter parameter, BindingContext context, ServerWebExchange exchange) {
        return ReactiveSecurityContextHolder.getContext()
                .mapNotNull(security -> security.getAuthentication())
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(auth -> (Object) fromJwt(((JwtAuthenticationToken) auth).getToken()))
                // Built only when there is no token: an exception's stack trace cost every request here.
                .switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.UNAUTHORIZED)));
    }

    public static ChatUser fromJwt(Jwt jwt) {
        return new ChatUser(jwt.getSubject(), roles(jwt), jwt.getClaimAsString("plan"));
    }

    static Set<String> roles(Jwt jwt) {
        Object claim = jwt.getClaim("roles");
        if (claim instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).collect(Collectors.toSet());
        }
        if (claim instanceof String value) {
            return Set.copyOf(List.of(value.split("[,\\s]+")));
        }
        return Set.of();
    }
}
