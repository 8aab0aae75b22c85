package io.twobrains.oidc;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Shapes the JWTs that the authorization server issues (authorization code and refresh token grants) like
 * the ones from {@code POST /dev/token}: access tokens get the services' audience added to {@code aud}, and
 * access and ID tokens get a {@code roles} claim (role names without the {@code ROLE_} prefix) when the user
 * has roles, and a {@code plan} claim when the demo user has a quota plan.
 */
final class TwobrainsTokenCustomizer implements OAuth2TokenCustomizer<JwtEncodingContext> {

    static final String ROLES_CLAIM = "roles";

    private static final String ROLE_PREFIX = "ROLE_";

    static final String PLAN_CLAIM = "plan";

    private final String audience;
    private final Map<String, String> plans;

    /** @param plans the quota plan of each user that has one, by username */
    TwobrainsTokenCustomizer(String audience, Map<String, String> plans) {
        this.audience = audience;
        this.plans = Map.copyOf(plans);
    }

    @Override
    public void customize(JwtEncodingContext context) {
        boolean accessToken = OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType());
        boolean idToken = OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue());
        if (!accessToken && !idToken) {
            return;
        }
        if (accessToken) {
            // SAS puts the client id into aud; keep it and add the audience the resource servers check.
            context.getClaims().claims(claims -> {
                Set<String> aud = new LinkedHashSet<>(asStrings(claims.get("aud")));
                aud.add(audience);
                claims.put("aud", new ArrayList<>(aud));
            });
        }
        List<String> roles = roles(context.getPrincipal());
        if (!roles.isEmpty()) {
            context.getClaims().claim(ROLES_CLAIM, roles);
        }
        String plan = context.getPrincipal() == null ? null : plans.get(context.getPrincipal().getName());
        if (plan != null) {
            context.getClaims().claim(PLAN_CLAIM, plan);
        }
    }

    static List<String> roles(Authentication principal) {
        if (principal == null) {
            return List.of();
        }
        return principal.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(a -> a != null && a.startsWith(ROLE_PREFIX) && a.length() > ROLE_PREFIX.length())
                .map(a -> a.substring(ROLE_PREFIX.length()))
                .distinct()
                .toList();
    }

    private static List<String> asStrings(Object value) {
        if (value instanceof Iterable<?> values) {
            List<String> result = new ArrayList<>();
            values.forEach(v -> result.add(String.valueOf(v)));
            return result;
        }
        return value == null ? List.of() : List.of(String.valueOf(value));
    }
}
