package org.twisted4j.web.template;

import java.util.Arrays;

/**
 * The bytes a flattening produces, gathered before they go to the consumer, with Twisted's escaping applied as
 * they are encoded to UTF-8.
 *
 * <p>Twisted escapes in two layers. Text in content has {@code & < >} escaped; text at the top of an attribute
 * value is written as it is, but everything written inside an attribute value (text, and the markup of any tag,
 * comment or CDATA put there) then has {@code & < > "} escaped, once per attribute it is nested in. So a write is
 * described by whether its text is content-escaped and by its attribute depth.
 */
final class Output {

    private byte[] bytes = new byte[8192];
    private int size;

    int size() {
        return size;
    }

    /** Returns what was gathered and empties the buffer. */
    byte[] take() {
        byte[] taken = Arrays.copyOf(bytes, size);
        size = 0;
        return taken;
    }

    /**
     * Writes text.
     *
     * @param text the text
     * @param content whether {@code & < >} in it are escaped first (text in content; not markup, not the top of an
     *     attribute value)
     * @param attributeDepth how many attribute values it is inside
     */
    void write(String text, boolean content, int attributeDepth) {
        if (attributeDepth == 0) {
            encode(text, content, false);
        } else if (attributeDepth == 1 && !content) {
            encode(text, true, true);
        } else {
            String escaped = content ? escape(text, false) : text;
            for (int i = 1; i < attributeDepth; i++) {
                escaped = escape(escaped, true);
            }
            encode(escaped, true, true);
        }
    }

    private static String escape(String text, boolean quotes) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append(quotes ? "&quot;" : "\"");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Encodes to UTF-8, escaping {@code & < >} if asked and {@code "} too if asked; a lone surrogate becomes '?'. */
    private void encode(String text, boolean escape, boolean quotes) {
        int length = text.length();
        ensure(length + 16);
        byte[] out = bytes;
        int at = size;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (out.length - at < 8) {
                size = at;
                ensure(length - i + 16);
                out = bytes;
            }
            if (c < 0x80) {
                if (escape && (c == '&' || c == '<' || c == '>' || (quotes && c == '"'))) {
                    String entity = switch (c) {
                        case '&' -> "&amp;";
                        case '<' -> "&lt;";
                        case '>' -> "&gt;";
                        default -> "&quot;";
                    };
                    for (int k = 0; k < entity.length(); k++) {
                        out[at++] = (byte) entity.charAt(k);
                    }
                } else {
                    out[at++] = (byte) c;
                }
            } else if (c < 0x800) {
                out[at++] = (byte) (0xC0 | (c >> 6));
                out[at++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, text.charAt(++i));
                out[at++] = (byte) (0xF0 | (cp >> 18));
                out[at++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                out[at++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                out[at++] = (byte) (0x80 | (cp & 0x3F));
            } else if (Character.isSurrogate(c)) {
                out[at++] = '?';
            } else {
                out[at++] = (byte) (0xE0 | (c >> 12));
                out[at++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                out[at++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        size = at;
    }

    private void ensure(int more) {
        if (bytes.length - size < more) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
