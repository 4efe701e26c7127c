package org.twisted4j.internet.ssl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;

/** What the fuzz targets of the key and certificate readers check of their errors and of the keys they read. */
final class KeyChecks {
    /** The password of the encrypted seeds. */
    static final String PASSWORD = "password";

    private KeyChecks() {
    }

    /** Checks that {@code error} names {@code source} and says what went wrong. */
    static void assertNamesItsSource(CertificateError error, String source) {
        assertThat(error.source()).isEqualTo(source);
        assertThat(error.kind()).isNotNull();
        assertThat(error.getMessage()).startsWith(source + ": ").hasSizeGreaterThan(source.length() + 2);
    }

    /** Checks that {@code key}, written as PEM, reads back as the same key. */
    static void assertReadsBack(PrivateKey key) {
        byte[] pem = Pem.encodePrivateKey(key).getBytes(StandardCharsets.US_ASCII);
        assertThat(Pem.parsePrivateKey(pem, "written", null).getEncoded()).isEqualTo(key.getEncoded());
    }
}
