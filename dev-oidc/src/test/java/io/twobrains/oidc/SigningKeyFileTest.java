package io.twobrains.oidc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class SigningKeyFileTest {

    @TempDir
    Path tempDir;

    @Test
    void firstUseCreatesA2048BitRsaKeyWithParentDirectoriesAndReadsTheSameKeyLater() throws Exception {
        Path file = tempDir.resolve("a/b/signing-key.json");

        RSAKey created = SigningKeyFile.loadOrCreate(file);
        RSAKey reread = SigningKeyFile.loadOrCreate(file);

        assertThat(file).isRegularFile();
        assertThat(created.size()).isEqualTo(2048);
        assertThat(created.isPrivate()).isTrue();
        assertThat(created.getKeyID()).isEqualTo(created.computeThumbprint().toString());
        assertThat(JWK.parse(Files.readString(file)).isPrivate()).as("file holds the private key").isTrue();
        assertThat(reread).isEqualTo(created);
        try (var leftovers = Files.list(file.getParent())) {
            assertThat(leftovers).as("no temporary files left behind").containsExactly(file);
        }
    }

    @Test
    void keyFileIsReadableByItsOwnerOnly() throws Exception {
        assumeTrue(tempDir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX file system");
        Path file = tempDir.resolve("signing-key.json");

        SigningKeyFile.loadOrCreate(file);

        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void preCreatedKeyIsUsedWithItsOwnKeyId() throws Exception {
        RSAKey known = new RSAKeyGenerator(2048).keyID("my-kid").generate();
        Path file = Files.writeString(tempDir.resolve("key.json"), known.toJSONString());

        RSAKey loaded = SigningKeyFile.loadOrCreate(file);

        assertThat(loaded.getKeyID()).isEqualTo("my-kid");
        assertThat(loaded.toRSAPrivateKey()).isEqualTo(known.toRSAPrivateKey());
    }

    @Test
    void keyWithoutKeyIdGetsItsThumbprintSoTheKidIsStable() throws Exception {
        RSAKey withoutKid = new RSAKeyGenerator(2048).generate();
        Path file = Files.writeString(tempDir.resolve("key.json"), withoutKid.toJSONString());

        RSAKey first = SigningKeyFile.loadOrCreate(file);
        RSAKey second = SigningKeyFile.loadOrCreate(file);

        assertThat(first.getKeyID()).isEqualTo(withoutKid.computeThumbprint().toString());
        assertThat(second.getKeyID()).isEqualTo(first.getKeyID());
    }

    @Test
    void corruptKeyFileFailsWithAMessageNamingTheFile() throws Exception {
        Path file = Files.writeString(tempDir.resolve("key.json"), "{ not json");

        assertThatIllegalStateException().isThrownBy(() -> SigningKeyFile.loadOrCreate(file))
                .withMessageContaining(file.toString())
                .withMessageContaining("not a JWK");
        assertThat(Files.readString(file)).as("a broken file is not silently replaced").isEqualTo("{ not json");
    }

    @Test
    void publicOnlyOrTooSmallKeysAreRejected() throws Exception {
        Path publicOnly = Files.writeString(tempDir.resolve("public.json"),
                new RSAKeyGenerator(2048).generate().toPublicJWK().toJSONString());
        Path small = Files.writeString(tempDir.resolve("small.json"),
                new RSAKeyGenerator(1024, true).generate().toJSONString());

        assertThatIllegalStateException().isThrownBy(() -> SigningKeyFile.loadOrCreate(publicOnly))
                .withMessageContaining("private key");
        assertThatIllegalStateException().isThrownBy(() -> SigningKeyFile.loadOrCreate(small))
                .withMessageContaining("1024 bits");
    }
}
