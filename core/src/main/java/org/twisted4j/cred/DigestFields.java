package org.twisted4j.cred;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the comma-separated {@code name=value} directives of an HTTP Digest {@code Authorization} header (the
 * part after {@code Digest }), values plain or quoted with backslash escapes (RFC 7616 section 3.4, RFC 7230's
 * quoted-string). Names are lower-cased; a later directive of a name replaces the earlier.
 */
final class DigestFields {

    /** The most directives read from one header. */
    static final int MAX_DIRECTIVES = 64;

    private DigestFields() {
    }

    /**
     * Parses the directives.
     *
     * @throws LoginFailed if a directive has no name or {@code =}, a quoted value is not closed, or there are
     *     more than {@link #MAX_DIRECTIVES}
     */
    static Map<String, String> parse(String header) {
        Map<String, String> fields = new LinkedHashMap<>();
        int i = 0;
        int n = header.length();
        int count = 0;
        while (true) {
            while (i < n && (header.charAt(i) == ',' || isSpace(header.charAt(i)))) {
                i++;
            }
            if (i == n) {
                return fields;
            }
            if (++count > MAX_DIRECTIVES) {
                throw new LoginFailed("Invalid response, too many directives");
            }
            int nameStart = i;
            while (i < n && isTokenChar(header.charAt(i))) {
                i++;
            }
            String name = header.substring(nameStart, i).toLowerCase(Locale.ROOT);
            while (i < n && isSpace(header.charAt(i))) {
                i++;
            }
            if (name.isEmpty() || i == n || header.charAt(i) != '=') {
                throw new LoginFailed("Invalid response, malformed directive at offset " + nameStart);
            }
            i++;
            while (i < n && isSpace(header.charAt(i))) {
                i++;
            }
            StringBuilder value = new StringBuilder();
            if (i < n && header.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i == n) {
                        throw new LoginFailed("Invalid response, unterminated quoted value of " + name);
                    }
                    char c = header.charAt(i++);
                    if (c == '"') {
                        break;
                    }
                    if (c == '\\' && i < n) {
                        c = header.charAt(i++);
                    }
                    value.append(c);
                }
            } else {
                while (i < n && header.charAt(i) != ',' && !isSpace(header.charAt(i))) {
                    value.append(header.charAt(i++));
                }
            }
            while (i < n && isSpace(header.charAt(i))) {
                i++;
            }
            if (i < n && header.charAt(i) != ',') {
                throw new LoginFailed("Invalid response, malformed directive " + name);
            }
            fields.put(name, value.toString());
        }
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static boolean isTokenChar(char c) {
        return c > ' ' && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
    }
}
