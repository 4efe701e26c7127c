package org.twisted4j.conch.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Fuzzes what sntrup761 reads from a peer: a client's public key (the server encapsulates to it) and a server's
 * ciphertext (the client decapsulates it).
 *
 * <p>Invariants: any 1158 octets encapsulate to a 1039-octet ciphertext and a 32-octet key without an exception;
 * any 1039 octets decapsulate to a 32-octet key, the same one every time, and differ from the key encapsulated
 * unless they are that ciphertext.
 */
class Sntrup761FuzzTest {
    private static final Sntrup761.KeyPair PAIR = Sntrup761.generate(new SecureRandom());
    private static final Sntrup761.Encapsulated GOOD = Sntrup761.encapsulate(PAIR.publicKey(), new SecureRandom());

    @FuzzTest
    void anyPublicKeyEncapsulates(FuzzedDataProvider data) {
        byte[] publicKey = Arrays.copyOf(data.consumeRemainingAsBytes(), Sntrup761.PUBLIC_KEY_BYTES);
        Sntrup761.Encapsulated e = Sntrup761.encapsulate(publicKey, new SecureRandom());
        assertThat(e.ciphertext()).hasSize(Sntrup761.CIPHERTEXT_BYTES);
        assertThat(e.sharedKey()).hasSize(Sntrup761.SHARED_KEY_BYTES);
    }

    @FuzzTest
    void anyCiphertextDecapsulatesToAFixedKey(FuzzedDataProvider data) {
        byte[] ciphertext = GOOD.ciphertext().clone();
        int edits = data.consumeInt(0, 16);
        for (int i = 0; i < edits; i++) {
            ciphertext[data.consumeInt(0, ciphertext.length - 1)] = data.consumeByte();
        }
        byte[] tail = data.consumeRemainingAsBytes();
        System.arraycopy(tail, 0, ciphertext, 0, Math.min(tail.length, ciphertext.length));
        byte[] key = Sntrup761.decapsulate(ciphertext, PAIR.secretKey());
        assertThat(key).hasSize(Sntrup761.SHARED_KEY_BYTES);
        assertThat(Sntrup761.decapsulate(ciphertext, PAIR.secretKey())).isEqualTo(key);
        assertThat(Arrays.equals(key, GOOD.sharedKey())).isEqualTo(Arrays.equals(ciphertext, GOOD.ciphertext()));
    }
}
