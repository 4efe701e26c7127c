package org.twisted4j.names.authority;

import java.io.ByteArrayOutputStream;

/** Base 32 with the extended hex alphabet and no padding (RFC 4648 §7), as NSEC3 writes hashed owner names. */
final class Base32Hex {

    private Base32Hex() {
    }

    /**
     * Decodes the text, in either case.
     *
     * @throws IllegalArgumentException for a character outside the alphabet or bits left over
     */
    static byte[] decode(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = Character.toUpperCase(text.charAt(i));
            int value;
            if (c >= '0' && c <= '9') {
                value = c - '0';
            } else if (c >= 'A' && c <= 'V') {
                value = c - 'A' + 10;
            } else {
                throw new IllegalArgumentException("not base32hex: " + TextNames.abbreviate(text));
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                bits -= 8;
                out.write(buffer >> bits);
                buffer &= (1 << bits) - 1;
            }
        }
        if (buffer != 0) {
            throw new IllegalArgumentException("base32hex with bits left over: " + TextNames.abbreviate(text));
        }
        return out.toByteArray();
    }
}
