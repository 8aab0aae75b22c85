package io.twobrains.oidc;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /dev/token}: mints an access token for any subject without a login, for scripts and manual
 * testing, e.g. {@code curl -d sub=alice -d roles=admin,writer -d plan=pro http://localhost:9000/dev/token}.
 * The token is signed with the authorization server's key, so services accept it like any other.
 */
@RestController
class DevTokenController {

    static final String PATH = "/dev/token";

    static final int MAX_VALUE_LENGTH = 255;

    private final JwtEncoder jwtEncoder;

    private final DevOidcProperties properties;

    DevTokenController(JwtEncoder jwtEncoder, DevOidcProperties properties) {
        this.jwtEncoder = jwtEncoder;
        this.properties = properties;
    }

    /**
     * @param sub   subject, required: 1 to 255 characters, no control characters
     * @param roles optional comma-separated role names, put into {@code roles} as a list
     * @param plan  optional plan name, put into {@code plan}
     */
    @PostMapping(PATH)
    ResponseEntity<?> issue(@RequestParam(name = "sub", required = false) String sub,
            @RequestParam(name = "roles", required = false) String roles,
            @RequestParam(name = "plan", required = false) String plan) {
        String problem = problemWith("sub", sub, true);
        if (problem == null) {
            problem = problemWith("roles", roles, false);
        }
        if (problem == null) {
            problem = problemWith("plan", plan, false);
        }
        if (problem != null) {
            ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, problem);
            detail.setTitle("Invalid token request");
            return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(detail);
        }

        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                .id(UUID.randomUUID().toString())
                .issuer(properties.issuer())
                .subject(sub)
                .audience(List.of(properties.audience()))
                .issuedAt(now)
                .expiresAt(now.plus(properties.tokenTtl()))
                .claim("scope", "openid");
        List<String> roleList = splitRoles(roles);
        if (!roleList.isEmpty()) {
            claims.claim(TwobrainsTokenCustomizer.ROLES_CLAIM, roleList);
        }
        if (plan != null && !plan.isBlank()) {
            claims.claim("plan", plan.trim());
        }
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).build();
        String token = jwtEncoder.encode(JwtEncoderParameters.from(header, claims.build())).getTokenValue();
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .contentType(MediaType.APPLICATION_JSON)
                .body(new TokenResponse(token, "Bearer", properties.tokenTtl().toSeconds()));
    }

    /** Returns why the value is unacceptable, or {@code null} if it is fine. */
    private static String problemWith(String name, String value, boolean required) {
        if (value == null || value.isBlank()) {
            return required ? "Form field '" + name + "' is required and must not be blank." : null;
        }
        if (value.length() > MAX_VALUE_LENGTH) {
            return "Form field '" + name + "' must be at most " + MAX_VALUE_LENGTH + " characters long (was "
                    + value.length() + ").";
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            return "Form field '" + name + "' must not contain control characters.";
        }
        return null;
    }

    private static List<String> splitRoles(String roles) {
        if (roles == null) {
            return List.of();
        }
        return Arrays.stream(roles.split(","))
                .map(String::trim)
                .filter(role -> !role.isEmpty())
                .distinct()
                .toList();
    }

    record TokenResponse(
            @JsonProperty("access_token") String accessToken,
            @JsonProperty("token_type") String tokenType,
            @JsonProperty("expires_in") long expiresIn) {
    }
}
