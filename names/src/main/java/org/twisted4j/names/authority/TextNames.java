package org.twisted4j.names.authority;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Domain names in presentation form (RFC 1035 §5.1): relative names completed with the origin, {@code @}, and
 * the {@code \X} and {@code \DDD} escapes, turned into uncompressed wire form.
 */
final class TextNames {

    /** The longest label, in bytes (RFC 1035 §2.3.4). */
    static final int MAX_LABEL = 63;
    /** The longest name in wire form, in bytes (RFC 1035 §2.3.4). */
    static final int MAX_NAME = 255;

    private TextNames() {
    }

    /**
     * Completes a name as written in a zone file: {@code @} is the origin, a name ending with an unescaped dot
     * is absolute, any other is relative to the origin.
     *
     * @param origin an absolute name ending with a dot
     */
    static String absolute(String text, String origin) {
        if (text.equals("@")) {
            return origin;
        }
        if (endsWithDot(text)) {
            return text;
        }
        return origin.equals(".") ? text + "." : text + "." + origin;
    }

    /** Whether the text ends with a dot that is not escaped. */
    static boolean endsWithDot(String text) {
        if (!text.endsWith(".")) {
            return false;
        }
        int backslashes = 0;
        for (int i = text.length() - 2; i >= 0 && text.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 0;
    }

    /**
     * Splits an absolute name into its labels' bytes, escapes decoded.
     *
     * @throws IllegalArgumentException for an empty label, a label over 63 bytes, a name over 255 bytes, a bad
     *     escape, or a name that is not absolute
     */
    static List<byte[]> labels(String absolute) {
        if (absolute.equals(".")) {
            return List.of();
        }
        if (!endsWithDot(absolute)) {
            throw new IllegalArgumentException("not an absolute name: " + absolute);
        }
        List<byte[]> labels = new ArrayList<>();
        ByteArrayOutputStream label = new ByteArrayOutputStream();
        int wire = 1;
        int n = absolute.length();
        int i = 0;
        while (i < n) {
            char c = absolute.charAt(i);
            if (c == '.') {
                if (label.size() == 0) {
                    throw new IllegalArgumentException("empty label in " + absolute);
                }
                if (label.size() > MAX_LABEL) {
                    throw new IllegalArgumentException("label longer than 63 bytes in " + absolute);
                }
                labels.add(label.toByteArray());
                wire += label.size() + 1;
                label.reset();
                i++;
            } else if (c == '\\') {
                i = unescape(absolute, i, label);
            } else {
                byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                label.write(bytes, 0, bytes.length);
                i++;
            }
            if (wire + label.size() > MAX_NAME) {
                throw new IllegalArgumentException("name longer than 255 bytes: " + abbreviate(absolute));
            }
        }
        return labels;
    }

    /** Writes the name's uncompressed wire form. */
    static void write(String absolute, ByteArrayOutputStream out) {
        for (byte[] label : labels(absolute)) {
            out.write(label.length);
            out.write(label, 0, label.length);
        }
        out.write(0);
    }

    /**
     * Decodes the escape at {@code text[at]} (a backslash) into {@code out}.
     *
     * @return the index just past the escape
     * @throws IllegalArgumentException for {@code \DDD} over 255 or a backslash at the end
     */
    static int unescape(String text, int at, ByteArrayOutputStream out) {
        if (at + 1 >= text.length()) {
            throw new IllegalArgumentException("a backslash ends " + abbreviate(text));
        }
        char next = text.charAt(at + 1);
        if (isDigit(next)) {
            if (at + 3 >= text.length() || !isDigit(text.charAt(at + 2)) || !isDigit(text.charAt(at + 3))) {
                throw new IllegalArgumentException("\\DDD needs three digits in " + abbreviate(text));
            }
            int value = Integer.parseInt(text.substring(at + 1, at + 4));
            if (value > 255) {
                throw new IllegalArgumentException("\\" + value + " is over 255");
            }
            out.write(value);
            return at + 4;
        }
        byte[] bytes = String.valueOf(next).getBytes(StandardCharsets.UTF_8);
        out.write(bytes, 0, bytes.length);
        return at + 2;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
