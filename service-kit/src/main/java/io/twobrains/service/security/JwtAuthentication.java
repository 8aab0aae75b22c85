package io.twobrains.service.security;

import java.util.Collection;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * The caller a verified token stands for: the token itself, named by its subject, with its
 * {@code roles} as {@code ROLE_*} authorities. A bearer token and a browser session's token become
 * the same kind of caller, so routing, forwarding and every controller treat them alike.
 */
public final class JwtAuthentication {

    private JwtAuthentication() {
    }

    public static JwtAuthenticationToken of(Jwt jwt) {
        return new JwtAuthenticationToken(jwt, authorities(jwt), jwt.getSubject());
    }

    static Collection<GrantedAuthority> authorities(Jwt jwt) {
        List<GrantedAuthority> authorities = ChatUserArgumentResolver.roles(jwt).stream()
                .map(role -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + role))
                .toList();
        return authorities;
    }
}
