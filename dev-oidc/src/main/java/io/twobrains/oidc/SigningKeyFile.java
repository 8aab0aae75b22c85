package io.twobrains.oidc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

/**
 * The RSA signing key, persisted as a JWK JSON document (private parts included) so that tokens stay valid
 * across restarts. The first start creates the file (and its parent directories); later starts read it.
 * The key id ({@code kid}) is the RFC 7638 thumbprint of the key unless the file names one.
 */
final class SigningKeyFile {

    static final int KEY_SIZE = 2048;

    private SigningKeyFile() {
    }

    /** Reads the key from {@code file}, or generates one and writes it there if the file does not exist. */
    static RSAKey loadOrCreate(Path file) {
        Path path = file.toAbsolutePath().normalize();
        if (Files.exists(path)) {
            return read(path);
        }
        RSAKey key = generate();
        try {
            write(path, key);
            return key;
        }
        catch (FileAlreadyExistsException ex) {
            // Another process created it in the meantime: use theirs so both sign with the same key.
            return read(path);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot write the signing key to " + path, ex);
        }
    }

    static RSAKey read(Path path) {
        String json;
        try {
            json = Files.readString(path, StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read the signing key from " + path, ex);
        }
        JWK jwk;
        try {
            jwk = JWK.parse(json);
        }
        catch (ParseException ex) {
            throw new IllegalStateException("Signing key file " + path + " is not a JWK JSON document ("
                    + ex.getMessage() + "); delete it to have a new key generated", ex);
        }
        if (!(jwk instanceof RSAKey rsa) || !rsa.isPrivate()) {
            throw new IllegalStateException("Signing key file " + path
                    + " must hold an RSA private key (kty RSA with private parts); delete it to have a new key generated");
        }
        if (rsa.size() < KEY_SIZE) {
            throw new IllegalStateException("Signing key in " + path + " has " + rsa.size()
                    + " bits, at least " + KEY_SIZE + " are required; delete it to have a new key generated");
        }
        if (rsa.getKeyID() != null && !rsa.getKeyID().isBlank()) {
            return rsa;
        }
        try {
            return new RSAKey.Builder(rsa).keyIDFromThumbprint().build();
        }
        catch (JOSEException ex) {
            throw new IllegalStateException("Cannot compute the key id of the signing key in " + path, ex);
        }
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(KEY_SIZE)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .keyIDFromThumbprint(true)
                    .generate();
        }
        catch (JOSEException ex) {
            throw new IllegalStateException("Cannot generate an RSA signing key", ex);
        }
    }

    /** Writes to a temporary file first and links it into place, so nobody ever reads a half-written key. */
    private static void write(Path path, RSAKey key) throws IOException {
        Path dir = path.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".signing-key", ".tmp");
        try {
            restrictToOwner(tmp);
            Files.writeString(tmp, key.toJSONString() + "\n", StandardCharsets.UTF_8);
            try {
                // A hard link appears atomically and fails if the file exists, unlike a rename.
                Files.createLink(path, tmp);
            }
            catch (UnsupportedOperationException | FileSystemException ex) {
                if (ex instanceof FileAlreadyExistsException exists) {
                    throw exists;
                }
                Files.move(tmp, path);
            }
        }
        finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        catch (UnsupportedOperationException ex) {
            // Not a POSIX file system (Windows): keep the default permissions.
        }
    }
}
