package org.twisted4j.testing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Shorthands for the tests. */
final class Bytes {
    private Bytes() {
    }

    static ByteBuffer ascii(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
    }
}
