package org.twisted4j.cred;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Comparisons and digests the credentials share. */
final class Secrets {

    private Secrets() {
    }

    /** Compares two strings' UTF-8 octets in time that does not depend on where they differ. */
    static boolean equal(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(UTF_8), b.getBytes(UTF_8));
    }

    /** Returns a digest of the JDK's; every JDK has MD5, SHA-1 and the SHA-2 family. */
    static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + algorithm, e);
        }
    }

    /** MD5 of the octets. */
    static byte[] md5(byte[]... parts) {
        MessageDigest md5 = digest("MD5");
        for (byte[] part : parts) {
            md5.update(part);
        }
        return md5.digest();
    }

    /** Lower-case hexadecimal MD5 of the strings' UTF-8 octets joined by colons, as HTTP Digest writes it. */
    static String md5Hex(String... parts) {
        return HexFormat.of().formatHex(md5(String.join(":", parts).getBytes(UTF_8)));
    }
}
