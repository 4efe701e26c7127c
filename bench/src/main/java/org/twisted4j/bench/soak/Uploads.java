package org.twisted4j.bench.soak;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** What the CGI script {@code upload.pl} answers: the body's length and MD5, which the clients check. */
final class Uploads {

    private Uploads() {
    }

    /** Returns a new MD5 digest. */
    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }

    /** Returns the MD5 of {@code bytes}, in hexadecimal. */
    static String md5(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    /** Returns the body {@code upload.pl} answers to a body of {@code length} bytes with this MD5. */
    static byte[] answer(long length, String md5) {
        return ("bytes=" + length + " md5=" + md5 + "\n").getBytes(ISO_8859_1);
    }
}
