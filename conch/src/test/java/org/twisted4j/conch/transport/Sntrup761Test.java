package org.twisted4j.conch.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Streamlined NTRU Prime 761: sizes, round trips, implicit rejection, and determinism under a fixed random
 * source (the interoperation with OpenSSH's implementation is {@code SshInteropTest#eachKeyExchangeMethod}).
 */
class Sntrup761Test {

    /** A repeatable random source, so that a test's keys and ciphertexts are the same every run. */
    private static SecureRandom seeded(long seed) {
        Random random = new Random(seed);
        return new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                random.nextBytes(bytes);
            }

            @Override
            public int nextInt() {
                return random.nextInt();
            }
        };
    }

    @Test
    void sizesAreTheSubmissions() {
        Sntrup761.KeyPair pair = Sntrup761.generate(new SecureRandom());
        assertThat(pair.publicKey()).hasSize(1158);
        assertThat(pair.secretKey()).hasSize(1763);
        Sntrup761.Encapsulated e = Sntrup761.encapsulate(pair.publicKey(), new SecureRandom());
        assertThat(e.ciphertext()).hasSize(1039);
        assertThat(e.sharedKey()).hasSize(32);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void decapsulationGivesTheEncapsulatedKey(long seed) {
        Sntrup761.KeyPair pair = Sntrup761.generate(seeded(seed));
        for (int i = 0; i < 3; i++) {
            Sntrup761.Encapsulated e = Sntrup761.encapsulate(pair.publicKey(), seeded(seed * 100 + i));
            assertThat(Sntrup761.decapsulate(e.ciphertext(), pair.secretKey())).isEqualTo(e.sharedKey());
        }
    }

    @Test
    void aTamperedCiphertextGivesAnUnrelatedButRepeatableKey() {
        Sntrup761.KeyPair pair = Sntrup761.generate(seeded(9));
        Sntrup761.Encapsulated e = Sntrup761.encapsulate(pair.publicKey(), seeded(10));
        for (int at : new int[] {0, 500, 1006, 1007, 1038}) {
            byte[] tampered = e.ciphertext().clone();
            tampered[at] ^= 1;
            byte[] key = Sntrup761.decapsulate(tampered, pair.secretKey());
            assertThat(key).hasSize(32).isNotEqualTo(e.sharedKey());
            assertThat(Sntrup761.decapsulate(tampered, pair.secretKey())).isEqualTo(key);
        }
    }

    @Test
    void anotherKeysCiphertextIsRejectedImplicitly() {
        Sntrup761.KeyPair mine = Sntrup761.generate(seeded(11));
        Sntrup761.KeyPair theirs = Sntrup761.generate(seeded(12));
        Sntrup761.Encapsulated e = Sntrup761.encapsulate(theirs.publicKey(), seeded(13));
        assertThat(Sntrup761.decapsulate(e.ciphertext(), mine.secretKey())).isNotEqualTo(e.sharedKey());
    }

    @Test
    void theSameRandomnessGivesTheSameKeysAndCiphertexts() throws Exception {
        Sntrup761.KeyPair a = Sntrup761.generate(seeded(21));
        Sntrup761.KeyPair b = Sntrup761.generate(seeded(21));
        assertThat(a.publicKey()).isEqualTo(b.publicKey());
        assertThat(a.secretKey()).isEqualTo(b.secretKey());
        Sntrup761.Encapsulated e1 = Sntrup761.encapsulate(a.publicKey(), seeded(22));
        Sntrup761.Encapsulated e2 = Sntrup761.encapsulate(a.publicKey(), seeded(22));
        assertThat(e1.ciphertext()).isEqualTo(e2.ciphertext());
        assertThat(e1.sharedKey()).isEqualTo(e2.sharedKey());
        // The secret key ends with the public key and the public key's hash, as the submission lays it out.
        byte[] sk = a.secretKey();
        assertThat(java.util.Arrays.copyOfRange(sk, 382, 382 + 1158)).isEqualTo(a.publicKey());
        MessageDigest sha512 = MessageDigest.getInstance("SHA-512");
        sha512.update((byte) 4);
        byte[] cache = java.util.Arrays.copyOf(sha512.digest(a.publicKey()), 32);
        assertThat(HexFormat.of().formatHex(java.util.Arrays.copyOfRange(sk, 1763 - 32, 1763)))
                .isEqualTo(HexFormat.of().formatHex(cache));
    }

    @Test
    void anyOctetsDecodeAsAPublicKeyWithoutFailing() {
        byte[] junk = new byte[1158];
        new Random(5).nextBytes(junk);
        Sntrup761.Encapsulated e = Sntrup761.encapsulate(junk, seeded(6));
        assertThat(e.ciphertext()).hasSize(1039);
    }
}
