package org.twisted4j.web.client;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The {@code application/x-www-form-urlencoded} serialization (WHATWG URL standard), for query strings and
 * form bodies: UTF-8, letters, digits and {@code *-._} as they are, space as {@code +}, everything else
 * percent-escaped.
 *
 * <p>Threading: any thread (stateless).
 */
final class FormEncoding {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private FormEncoding() {
    }

    /** Encodes pairs as {@code a=1&b=2}, in order; a key may repeat. */
    static String encode(List<Map.Entry<String, String>> pairs) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> pair : pairs) {
            if (!out.isEmpty()) {
                out.append('&');
            }
            escape(pair.getKey(), out);
            out.append('=');
            escape(pair.getValue(), out);
        }
        return out.toString();
    }

    static void escape(String text, StringBuilder out) {
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '*' || c == '-' || c == '.' || c == '_') {
                out.append((char) c);
            } else if (c == ' ') {
                out.append('+');
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
    }
}
