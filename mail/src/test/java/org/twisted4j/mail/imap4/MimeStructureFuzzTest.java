package org.twisted4j.mail.imap4;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;

/**
 * Fuzzes the MIME structure reader behind ENVELOPE and BODYSTRUCTURE.
 *
 * <p>Invariants: any octets read without an exception; the ENVELOPE and BODYSTRUCTURE it writes are one
 * well-formed IMAP list each (balanced parentheses, quoted strings without CR, LF or stray escapes, literals of the
 * announced size, nothing but NIL and numbers besides); the parts' bodies lie within the message.
 */
class MimeStructureFuzzTest {

    @FuzzTest
    void envelopeAndBodyStructureAreWellFormed(FuzzedDataProvider data) {
        byte[] message = data.consumeRemainingAsBytes();
        MimeStructure mime = MimeStructure.parse(message);
        for (String written : List.of(mime.envelope(), mime.bodyStructure(true), mime.bodyStructure(false))) {
            assertThat(wellFormed(written.getBytes(UTF_8))).as(written).isTrue();
        }
        assertThat(mime.body().length).isLessThanOrEqualTo(message.length);
        for (MimeStructure part : mime.parts()) {
            assertThat(part.all().length).isLessThanOrEqualTo(message.length);
        }
    }

    /**
     * Returns true if the octets are one parenthesised list of NIL, numbers, quoted strings (only {@code \\"} and
     * {@code \\\\} escaped, no CR or LF) and literals of the announced size, as a response's item is.
     */
    static boolean wellFormed(byte[] b) {
        int depth = 0;
        int i = 0;
        if (b.length == 0 || b[0] != '(') {
            return false;
        }
        while (i < b.length) {
            byte c = b[i];
            if (c == '(') {
                depth++;
                i++;
            } else if (c == ')') {
                depth--;
                i++;
                if (depth < 0 || depth == 0 && i != b.length) {
                    return false;
                }
            } else if (c == '"') {
                i++;
                while (i < b.length && b[i] != '"') {
                    if (b[i] == '\\') {
                        i++;
                        if (i >= b.length || b[i] != '"' && b[i] != '\\') {
                            return false;
                        }
                    } else if (b[i] == '\r' || b[i] == '\n') {
                        return false;
                    }
                    i++;
                }
                if (i >= b.length) {
                    return false;
                }
                i++;
            } else if (c == '{') {
                int close = i + 1;
                while (close < b.length && b[close] >= '0' && b[close] <= '9') {
                    close++;
                }
                if (close == i + 1 || close + 2 >= b.length || b[close] != '}' || b[close + 1] != '\r'
                        || b[close + 2] != '\n') {
                    return false;
                }
                int n = Integer.parseInt(new String(b, i + 1, close - i - 1, UTF_8));
                i = close + 3 + n;
                if (i > b.length) {
                    return false;
                }
            } else if (c == ' ' || c >= '0' && c <= '9' || c == 'N' || c == 'I' || c == 'L') {
                i++;
            } else {
                return false;
            }
        }
        return depth == 0;
    }
}
