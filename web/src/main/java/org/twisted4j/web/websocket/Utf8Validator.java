package org.twisted4j.web.websocket;

/**
 * Checks that bytes are well-formed UTF-8 (RFC 3629: shortest forms only, no surrogates, nothing above
 * U+10FFFF) as they arrive in pieces, so a text message split anywhere, even inside a character, is checked
 * as it comes and fails at its first bad byte.
 */
final class Utf8Validator {
    private static final int CONTINUATION_LOW = 0x80;
    private static final int CONTINUATION_HIGH = 0xBF;

    /** Continuation bytes still expected for the current character. */
    private int remaining;
    /** The range allowed for the next continuation byte. */
    private int lower = CONTINUATION_LOW;
    private int upper = CONTINUATION_HIGH;
    private boolean failed;

    /**
     * Checks the next bytes.
     *
     * @return false once the bytes seen so far cannot be the start of valid UTF-8
     */
    boolean feed(byte[] bytes, int offset, int length) {
        for (int i = offset, end = offset + length; i < end && !failed; i++) {
            int b = bytes[i] & 0xff;
            if (remaining == 0) {
                if (b >= 0x80) {
                    failed = !lead(b);
                }
            } else if (b < lower || b > upper) {
                failed = true;
            } else {
                remaining--;
                lower = CONTINUATION_LOW;
                upper = CONTINUATION_HIGH;
            }
        }
        return !failed;
    }

    /** Returns whether the bytes seen end on a character boundary, with nothing bad among them. */
    boolean isComplete() {
        return !failed && remaining == 0;
    }

    /** Forgets everything, for the next message. */
    void reset() {
        remaining = 0;
        lower = CONTINUATION_LOW;
        upper = CONTINUATION_HIGH;
        failed = false;
    }

    /** Starts a multi-byte character; returns false if {@code b} cannot lead one. */
    private boolean lead(int b) {
        if (b >= 0xC2 && b <= 0xDF) {
            expect(1, CONTINUATION_LOW, CONTINUATION_HIGH);
        } else if (b == 0xE0) {
            expect(2, 0xA0, CONTINUATION_HIGH);            // no overlong three-byte forms
        } else if (b == 0xED) {
            expect(2, CONTINUATION_LOW, 0x9F);             // no surrogates
        } else if (b >= 0xE1 && b <= 0xEF) {
            expect(2, CONTINUATION_LOW, CONTINUATION_HIGH);
        } else if (b == 0xF0) {
            expect(3, 0x90, CONTINUATION_HIGH);            // no overlong four-byte forms
        } else if (b >= 0xF1 && b <= 0xF3) {
            expect(3, CONTINUATION_LOW, CONTINUATION_HIGH);
        } else if (b == 0xF4) {
            expect(3, CONTINUATION_LOW, 0x8F);             // nothing above U+10FFFF
        } else {
            return false;
        }
        return true;
    }

    private void expect(int count, int low, int high) {
        remaining = count;
        lower = low;
        upper = high;
    }
}
