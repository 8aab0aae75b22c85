package io.twobrains.contract.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The seal's format stays what the log holds, whatever the cipher keeps between values. */
class ContentCipherTest {

    private static final ContentPlace PLACE = new ContentPlace.MessagePart("c1", "m1");

    @Test
    void aValueSealedAsTheFormatSaysOpensAndASealOpensAsTheFormatSays() throws Exception {
        byte[] key = ContentCipher.newKey();
        ContentCipher alice = new ContentCipher("alice", key);

        String written = reference(Cipher.ENCRYPT_MODE, key, "alice", PLACE, "the canary sings");

        assertThat(alice.open(written, PLACE)).isEqualTo("the canary sings");
        assertThat(reference(Cipher.DECRYPT_MODE, key, "alice", PLACE, alice.seal("the canary sings", PLACE)))
                .isEqualTo("the canary sings");
        assertThat(reference(Cipher.DECRYPT_MODE, key, "alice", PLACE, alice.seal("", PLACE))).isEmpty();
    }

    @Test
    void aValueThatDoesNotOpenLeavesTheThreadsCipherFitForTheNext() {
        ContentCipher alice = new ContentCipher("alice", ContentCipher.newKey());
        ContentCipher mallory = new ContentCipher("alice", ContentCipher.newKey());
        String sealed = alice.seal("hello", PLACE);

        assertThatThrownBy(() -> mallory.open(sealed, PLACE)).isInstanceOf(UnreadableContentException.class);
        assertThatThrownBy(() -> alice.open(sealed, new ContentPlace.Title("c1"))).isInstanceOf(UnreadableContentException.class);
        assertThatThrownBy(() -> alice.open(ContentCipher.PREFIX + "AAAA", PLACE)).isInstanceOf(UnreadableContentException.class)
                .hasMessageContaining("too short");
        assertThatThrownBy(() -> alice.open(ContentCipher.PREFIX + "é!", PLACE)).isInstanceOf(UnreadableContentException.class)
                .hasMessageContaining("base64url");

        assertThat(alice.open(sealed, PLACE)).isEqualTo("hello");
        assertThat(alice.open(alice.seal("again", PLACE), PLACE)).isEqualTo("again");
    }

    @Test
    void everySealOfOneThreadDrawsItsOwnNonce() {
        ContentCipher alice = new ContentCipher("alice", ContentCipher.newKey());
        Set<String> nonces = new HashSet<>();

        for (int i = 0; i < 10_000; i++) {
            byte[] sealed = Base64.getUrlDecoder().decode(alice.seal("same text", PLACE).substring(ContentCipher.PREFIX.length()));
            nonces.add(Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(sealed, 12)));
        }

        assertThat(nonces).hasSize(10_000);
    }

    @Test
    void usersOnManyThreadsAtOnceEachOpenTheirOwnValues() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                String user = "user-" + t;
                runs.add(threads.submit(() -> {
                    ContentCipher mine = new ContentCipher(user, ContentCipher.newKey());
                    int opened = 0;
                    for (int i = 0; i < 2_000; i++) {
                        String text = user + " says " + "x".repeat(i % 300);
                        if (mine.open(mine.seal(text, PLACE), PLACE).equals(text)) {
                            opened++;
                        }
                    }
                    return opened;
                }));
            }
            for (Future<Integer> run : runs) {
                assertThat(run.get()).isEqualTo(2_000);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** The format as ADR 14 states it, written out with a cipher of its own. */
    private static String reference(int mode, byte[] key, String user, ContentPlace place, String value) throws Exception {
        ByteArrayOutputStream aad = new ByteArrayOutputStream();
        aad.writeBytes("twobrains/content/v1".getBytes(StandardCharsets.UTF_8));
        aad.write(0);
        aad.writeBytes(user.getBytes(StandardCharsets.UTF_8));
        aad.write(0);
        aad.writeBytes(place.toString().getBytes(StandardCharsets.UTF_8));
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        if (mode == Cipher.ENCRYPT_MODE) {
            byte[] nonce = new byte[12];
            new java.security.SecureRandom().nextBytes(nonce);
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            cipher.updateAAD(aad.toByteArray());
            byte[] sealed = cipher.doFinal(value.getBytes(StandardCharsets.UTF_8));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(nonce);
            out.writeBytes(sealed);
            return ContentCipher.PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(out.toByteArray());
        }
        byte[] in = Base64.getUrlDecoder().decode(value.substring(ContentCipher.PREFIX.length()));
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, in, 0, 12));
        cipher.updateAAD(aad.toByteArray());
        return new String(cipher.doFinal(in, 12, in.length - 12), StandardCharsets.UTF_8);
    }
}
