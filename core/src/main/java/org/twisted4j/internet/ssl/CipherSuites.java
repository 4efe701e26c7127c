package org.twisted4j.internet.ssl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The default cipher suite choice: the JDK's defaults that give forward secrecy and AEAD encryption. */
final class CipherSuites {
    private static final List<String> WEAK = List.of(
            "_NULL_", "_anon_", "_EXPORT", "_RC4_", "_3DES_", "_DES_", "_DES40_", "_MD5", "_DSS_");

    private CipherSuites() {
    }

    /** Returns the strong suites among {@code jdkDefaults}, in the JDK's order of preference. */
    static List<String> strong(String[] jdkDefaults) {
        List<String> kept = new ArrayList<>();
        for (String suite : jdkDefaults) {
            if (isStrong(suite)) {
                kept.add(suite);
            }
        }
        return List.copyOf(kept);
    }

    static boolean isStrong(String suite) {
        if (suite.equals("TLS_EMPTY_RENEGOTIATION_INFO_SCSV")) {
            return true;
        }
        String upper = suite.toUpperCase(Locale.ROOT);
        for (String weak : WEAK) {
            if (upper.contains(weak.toUpperCase(Locale.ROOT))) {
                return false;
            }
        }
        if (suite.startsWith("TLS_AES_") || suite.startsWith("TLS_CHACHA20_")) {
            return true; // the TLS 1.3 suites: all AEAD, key exchange always ephemeral
        }
        boolean ephemeral = suite.startsWith("TLS_ECDHE_") || suite.startsWith("TLS_DHE_");
        boolean aead = suite.contains("_GCM_") || suite.contains("_CHACHA20_POLY1305_");
        return ephemeral && aead;
    }
}
