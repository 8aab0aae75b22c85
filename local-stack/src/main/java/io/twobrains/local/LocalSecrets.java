package io.twobrains.local;

import io.twobrains.crypto.SecretsProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * The local stack's master key for sealing users' secrets: 32 random bytes made on first start and
 * kept in the data directory (readable by its owner only), so sealed keys survive a restart.
 */
final class LocalSecrets {

    static final String KEY_ID = "local-1";
    /** The property naming the master key that seals; settings that set it bring their own master keys. */
    static final String CURRENT_KEY_ID = "twobrains.secrets.current-key-id";

    private LocalSecrets() {
    }

    /** The stack's master keys, as its node reads them ({@code twobrains.secrets}). */
    static SecretsProperties properties(Path dataDir) {
        return new SecretsProperties(Map.of(KEY_ID, masterKey(dataDir)), KEY_ID);
    }

    static String masterKey(Path dataDir) {
        Path file = dataDir.resolve("secrets/master-key");
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.US_ASCII).trim();
            }
            Files.createDirectories(file.getParent());
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            String encoded = Base64.getEncoder().encodeToString(key);
            Files.writeString(file, encoded, StandardCharsets.US_ASCII);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the data directory's own protection applies
            }
            return encoded;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or create " + file, e);
        }
    }
}
