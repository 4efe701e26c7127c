package org.twisted4j.internet.ssl;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Fuzzes the PEM reader: its blocks, {@link Pem#parseCertificates} and {@link Pem#parsePrivateKey} (with the
 * seeds' password or none). Whatever the bytes:
 * <ul>
 *   <li>the only error is a {@link CertificateError} naming the source, as documented;</li>
 *   <li>each block, written back with its label, reads back as the same label and bytes;</li>
 *   <li>certificates read are never none, and {@link Pem#encodeCertificates} writes them back as PEM that
 *       reads as the same certificates;</li>
 *   <li>a key read, written back with {@link Pem#encodePrivateKey}, reads as the same key.</li>
 * </ul>
 */
class PemFuzzTest {

    private static final String SOURCE = "fuzzed.pem";

    @FuzzTest
    void pemReadsBackAsWritten(FuzzedDataProvider data) {
        char[] password = data.consumeBoolean() ? KeyChecks.PASSWORD.toCharArray() : null;
        byte[] input = data.consumeRemainingAsBytes();
        checkBlocks(new String(input, StandardCharsets.ISO_8859_1));
        try {
            List<X509Certificate> certificates = Pem.parseCertificates(input, SOURCE);
            assertThat(certificates).isNotEmpty();
            byte[] written = Pem.encodeCertificates(certificates).getBytes(StandardCharsets.US_ASCII);
            assertThat(Pem.parseCertificates(written, "written")).isEqualTo(certificates);
        } catch (CertificateError e) {
            KeyChecks.assertNamesItsSource(e, SOURCE);
        }
        try {
            PrivateKey key = Pem.parsePrivateKey(input, SOURCE, password);
            KeyChecks.assertReadsBack(key);
        } catch (CertificateError e) {
            KeyChecks.assertNamesItsSource(e, SOURCE);
        }
    }

    private static void checkBlocks(String text) {
        List<Pem.Block> blocks;
        try {
            blocks = Pem.blocks(text, SOURCE);
        } catch (CertificateError e) {
            KeyChecks.assertNamesItsSource(e, SOURCE);
            return;
        }
        for (Pem.Block block : blocks) {
            List<Pem.Block> again = Pem.blocks(Pem.encode(block.label(), block.der()), "written");
            assertThat(again).singleElement().satisfies(one -> {
                assertThat(one.label()).isEqualTo(block.label());
                assertThat(one.der()).isEqualTo(block.der());
            });
        }
    }
}
