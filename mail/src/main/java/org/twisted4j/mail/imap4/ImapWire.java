package org.twisted4j.mail.imap4;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.util.Collection;
import org.jspecify.annotations.Nullable;

/**
 * The response writer's pieces: strings quoted or as literals, NIL, lists. Package-private; any thread.
 */
final class ImapWire {

    /** Longest string written quoted; longer ones go as literals. */
    static final int MAX_QUOTED = 1024;

    private ImapWire() {
    }

    /** Returns true if the octets can go inside a quoted string. */
    static boolean quotable(byte[] bytes) {
        if (bytes.length > MAX_QUOTED) {
            return false;
        }
        for (byte b : bytes) {
            // A quoted string holds 7-bit characters only (RFC 3501 §9, QUOTED-CHAR); 8-bit text goes as a literal.
            if (b == '\r' || b == '\n' || b == 0 || b < 0) {
                return false;
            }
        }
        return true;
    }

    /** Writes a string, quoted unless {@code literal} or it cannot be. */
    static byte[] string(byte[] bytes, boolean literal) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + 8);
        if (!literal && quotable(bytes)) {
            out.write('"');
            for (byte b : bytes) {
                if (b == '"' || b == '\\') {
                    out.write('\\');
                }
                out.write(b);
            }
            out.write('"');
        } else {
            out.writeBytes(("{" + bytes.length + "}\r\n").getBytes(UTF_8));
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    /** Writes a string as text (literal when it must). */
    static String quote(String text) {
        return new String(string(text.getBytes(UTF_8), false), UTF_8);
    }

    /** Writes an nstring: NIL for null. */
    static String nstring(@Nullable String text) {
        return text == null ? "NIL" : quote(text);
    }

    /** Writes an astring: the atom itself when it is one, else quoted. */
    static String astring(String text) {
        if (text.isEmpty()) {
            return "\"\"";
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= ' ' || c >= 0x7f || "(){%*\"\\]".indexOf(c) >= 0) {
                return quote(text);
            }
        }
        return text;
    }

    /** Writes a parenthesised, space-separated list of already formatted items. */
    static String list(Collection<String> items) {
        return "(" + String.join(" ", items) + ")";
    }
}
