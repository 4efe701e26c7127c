package org.twisted4j.conch.keys;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Base64;

/**
 * Fuzzes the key readers: public key blobs and lines, and private key files in every format (the armoured
 * text as it is, and binary bodies the target armours itself so the fuzzer need not learn base 64).
 *
 * <p>Invariants: only {@link BadKeyException} escapes; a key read writes back (public line, blob, OpenSSH private
 * format, PKCS#8) and reads back as the same key, comment included. No passphrase is given, so an encrypted key
 * must be refused as {@link EncryptedKeyException} before any key derivation runs.
 */
class KeyFuzzTest {

    private static final String[] LABELS = {"OPENSSH PRIVATE KEY", "PRIVATE KEY", "RSA PRIVATE KEY",
        "EC PRIVATE KEY"};

    @FuzzTest
    void publicBlobsAndLinesParseOrAreBadKeys(FuzzedDataProvider data) throws Exception {
        boolean asLine = data.consumeBoolean();
        byte[] input = data.consumeRemainingAsBytes();
        Key key;
        try {
            key = asLine ? Key.fromPublicLine(new String(input, ISO_8859_1)) : Key.fromPublicBlob(input);
        } catch (BadKeyException refused) {
            return;
        }
        assertThat(key.isPublic()).isTrue();
        assertThat(Key.fromPublicBlob(key.publicBlob())).isEqualTo(key);
        assertThat(Key.fromPublicLine(key.publicLine("c"))).isEqualTo(key);
    }

    @FuzzTest
    void privateKeyBodiesParseOrAreBadKeys(FuzzedDataProvider data) throws Exception {
        String label = LABELS[data.consumeInt(0, LABELS.length - 1)];
        byte[] body = data.consumeRemainingAsBytes();
        String armoured = "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder().encodeToString(body)
                + "\n-----END " + label + "-----\n";
        check(armoured.getBytes(US_ASCII));
    }

    @FuzzTest
    void privateKeyFilesParseOrAreBadKeys(FuzzedDataProvider data) throws Exception {
        check(data.consumeRemainingAsBytes());
    }

    private static void check(byte[] file) throws BadKeyException {
        Key key;
        try {
            key = Key.fromPrivate(file, null);
        } catch (BadKeyException refused) {
            return;
        }
        assertThat(key.isPublic()).isFalse();
        Key again = Key.fromPrivate(key.toOpenSshPrivate(key.comment(), null).getBytes(US_ASCII), null);
        assertThat(again).isEqualTo(key);
        assertThat(again.comment()).isEqualTo(key.comment());
        assertThat(Key.fromPrivate(key.toPkcs8Pem().getBytes(US_ASCII), null)).isEqualTo(key);
        assertThat(Key.fromPublicBlob(key.publicBlob())).isEqualTo(key.toPublic());
    }
}
