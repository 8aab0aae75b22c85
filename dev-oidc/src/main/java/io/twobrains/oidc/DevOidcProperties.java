package io.twobrains.oidc;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the development OpenID provider, bound from {@code twobrains.oidc.*} in {@code dev-oidc.yml}.
 * Every value has a default; invalid values stop the application at startup with a message naming the
 * property.
 *
 * @param issuer          issuer identifier ({@code iss}) and base URL of all endpoints: absolute http(s) URL,
 *                        no trailing slash, no query or fragment
 * @param keyFile         JSON file holding the RSA signing key as a JWK (with private parts); created on first
 *                        start, relative paths resolve against the working directory
 * @param audience        value put into {@code aud} of every access token; services check it
 * @param tokenTtl        lifetime of access tokens (dev tokens and tokens issued to the door client)
 * @param demoUsers       users that can log in through the login form (dev only, plain-text passwords)
 * @param doorRedirectUri redirect URI registered for the {@code twobrains-door} client
 */
@ConfigurationProperties("twobrains.oidc")
public record DevOidcProperties(
        @DefaultValue("http://localhost:9000") String issuer,
        @DefaultValue(".twobrains/oidc/signing-key.json") Path keyFile,
        @DefaultValue("twobrains") String audience,
        @DefaultValue("1h") Duration tokenTtl,
        List<DemoUser> demoUsers,
        @DefaultValue("http://localhost:8080/login/oauth2/code/twobrains") String doorRedirectUri) {

    /** Password of the default demo users. Plain text on purpose: this provider is for local development only. */
    public static final String DEMO_PASSWORD = "password";

    /** Used when {@code twobrains.oidc.demo-users} is not set: alice and bob without roles, admin with role admin. */
    public static final List<DemoUser> DEFAULT_DEMO_USERS = List.of(
            new DemoUser("alice", DEMO_PASSWORD, List.of(), null),
            new DemoUser("bob", DEMO_PASSWORD, List.of(), null),
            new DemoUser("admin", DEMO_PASSWORD, List.of("admin"), null));

    public DevOidcProperties {
        issuer = requireHttpUrl("twobrains.oidc.issuer", issuer);
        if (URI.create(issuer).getRawQuery() != null) {
            throw invalid("twobrains.oidc.issuer", issuer, "must not have a query");
        }
        if (issuer.endsWith("/")) {
            throw invalid("twobrains.oidc.issuer", issuer, "must not end with '/'");
        }
        if (keyFile == null || keyFile.toString().isBlank()) {
            throw invalid("twobrains.oidc.key-file", keyFile, "must be a file path");
        }
        if (audience == null || audience.isBlank()) {
            throw invalid("twobrains.oidc.audience", audience, "must not be blank");
        }
        if (tokenTtl == null || tokenTtl.isNegative() || tokenTtl.getSeconds() < 1) {
            throw invalid("twobrains.oidc.token-ttl", tokenTtl, "must be at least one second");
        }
        demoUsers = (demoUsers == null || demoUsers.isEmpty()) ? DEFAULT_DEMO_USERS : List.copyOf(demoUsers);
        Set<String> names = new HashSet<>();
        for (DemoUser user : demoUsers) {
            if (!names.add(user.username().toLowerCase(Locale.ROOT))) {
                throw invalid("twobrains.oidc.demo-users", user.username(), "duplicate username");
            }
        }
        doorRedirectUri = requireHttpUrl("twobrains.oidc.door-redirect-uri", doorRedirectUri);
    }

    /**
     * A user of the login form.
     *
     * @param username login name, becomes {@code sub} of the tokens
     * @param password plain-text password, {@value DevOidcProperties#DEMO_PASSWORD} when not set
     * @param roles    role names without prefix (e.g. {@code admin}), copied into the {@code roles} claim
     * @param plan     the quota plan, copied into the {@code plan} claim; none (the default plan) when not set
     */
    public record DemoUser(String username, String password, List<String> roles, String plan) {

        public DemoUser {
            if (username == null || username.isBlank()) {
                throw invalid("twobrains.oidc.demo-users[].username", username, "must not be blank");
            }
            password = (password == null || password.isEmpty()) ? DEMO_PASSWORD : password;
            roles = roles == null ? List.of() : roles.stream().map(String::trim).filter(r -> !r.isEmpty()).toList();
            plan = plan == null || plan.isBlank() ? null : plan.trim();
        }
    }

    private static String requireHttpUrl(String property, String value) {
        if (value == null || value.isBlank()) {
            throw invalid(property, value, "must not be blank");
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme();
            if (!("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) || uri.getHost() == null) {
                throw invalid(property, value, "must be an absolute http(s) URL");
            }
            if (uri.getRawFragment() != null) {
                throw invalid(property, value, "must not have a fragment");
            }
        }
        catch (URISyntaxException ex) {
            throw invalid(property, value, "is not a valid URI (" + ex.getMessage() + ")");
        }
        return value;
    }

    private static IllegalArgumentException invalid(String property, Object value, String problem) {
        return new IllegalArgumentException(property + " " + problem + " (was '" + value + "')");
    }
}
