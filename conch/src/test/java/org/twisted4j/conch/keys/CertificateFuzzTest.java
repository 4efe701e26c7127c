package org.twisted4j.conch.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the certificate reader. Invariants: only {@link BadKeyException} escapes; what is read stays within the
 * limits; a certificate read writes back as the same blob and line; checking its signature never throws.
 */
class CertificateFuzzTest {

    @FuzzTest
    void certificatesParseOrAreBadKeys(FuzzedDataProvider data) throws Exception {
        byte[] input = data.consumeRemainingAsBytes();
        Certificate cert;
        try {
            cert = Certificate.fromBlob(input);
        } catch (BadKeyException refused) {
            return;
        }
        assertThat(cert.principals()).hasSizeLessThanOrEqualTo(Certificate.MAX_PRINCIPALS);
        assertThat(cert.criticalOptionNames()).hasSizeLessThanOrEqualTo(Certificate.MAX_OPTIONS);
        assertThat(cert.extensionNames()).hasSizeLessThanOrEqualTo(Certificate.MAX_OPTIONS);
        assertThat(cert.blob()).isEqualTo(input);
        assertThat(Certificate.fromPublicLine(cert.publicLine())).isEqualTo(cert);
        cert.signatureValid();
        for (String name : cert.criticalOptionNames()) {
            try {
                cert.criticalOption(name);
            } catch (BadKeyException malformed) {
                // a value that is not one string is refused as documented
            }
        }
    }
}
