package io.twobrains.crypto;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Master keys for sealing users' secrets (base64 of 32 random bytes each), by key id. New secrets
 * are sealed with {@code currentKeyId}; older ids stay so existing secrets can still be opened while
 * keys rotate. There is no default: a command API without master keys does not start.
 */
@Validated
@ConfigurationProperties("twobrains.secrets")
public record SecretsProperties(@NotEmpty Map<String, String> masterKeys, @NotBlank String currentKeyId) {
}
