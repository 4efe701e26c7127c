package org.twisted4j.internet.ssl;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.security.PrivateKey;
import java.util.List;
import java.util.Map;

/**
 * Fuzzes {@link PrivateKeys#decode} with the DER of a PEM block of each private key label (PKCS#8, encrypted
 * PKCS#8 with the seeds' password or none, PKCS#1 RSA, SEC1 EC), taken from the input's last bytes. Whatever
 * the bytes, the only error is a {@link CertificateError} naming the source, as documented, and a key read
 * writes back as PEM that reads as the same key.
 */
class PrivateKeysFuzzTest {

    private static final String SOURCE = "fuzzed.key";
    private static final List<String> LABELS =
            List.of("PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY");

    @FuzzTest
    void keysDecodeOrFailNamingTheirSource(FuzzedDataProvider data) {
        String label = data.pickValue(LABELS);
        char[] password = data.consumeBoolean() ? KeyChecks.PASSWORD.toCharArray() : null;
        byte[] der = data.consumeRemainingAsBytes();
        try {
            PrivateKey key = PrivateKeys.decode(new Pem.Block(label, Map.of(), der), SOURCE, password);
            KeyChecks.assertReadsBack(key);
        } catch (CertificateError e) {
            KeyChecks.assertNamesItsSource(e, SOURCE);
        }
    }
}
