package org.twisted4j.web.websocket;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The header grammar of the opening handshake: tokens, comma lists, extension offers and the accept hash. */
final class HeaderTokens {

    /** The GUID RFC 6455 appends to the key before hashing it. */
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private static final String SEPARATORS = "()<>@,;:\\\"/[]?={} \t";

    /** One extension in a {@code Sec-WebSocket-Extensions} value: its name and parameters (null when bare). */
    record Extension(String name, Map<String, @Nullable String> parameters) {
    }

    private HeaderTokens() {
    }

    /** Returns whether {@code text} is an HTTP token: one or more visible ASCII characters, no separators. */
    static boolean isToken(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= 0x20 || c >= 0x7f || SEPARATORS.indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** Splits every comma list among {@code values} into its trimmed, non-empty elements. */
    static List<String> commaList(List<String> values) {
        List<String> elements = new ArrayList<>();
        for (String value : values) {
            for (String element : value.split(",", -1)) {
                String trimmed = element.strip();
                if (!trimmed.isEmpty()) {
                    elements.add(trimmed);
                }
            }
        }
        return elements;
    }

    /** Returns whether one of the comma lists among {@code values} has {@code token}, ignoring case. */
    static boolean hasToken(List<String> values, String token) {
        for (String element : commaList(values)) {
            if (element.equalsIgnoreCase(token)) {
                return true;
            }
        }
        return false;
    }

    /** Returns the {@code Sec-WebSocket-Accept} value for a {@code Sec-WebSocket-Key}. */
    static String acceptFor(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(ISO_8859_1));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this Java runtime", e);
        }
    }

    /** Returns whether {@code key} is a valid {@code Sec-WebSocket-Key}: 16 bytes in base64. */
    static boolean isValidKey(String key) {
        if (key.length() != 24) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(key).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Parses {@code Sec-WebSocket-Extensions} values: {@code name; param; param=value, name2 ...}, values as
     * tokens or quoted strings.
     *
     * @throws IllegalArgumentException if the syntax is broken or a parameter repeats within one extension
     */
    static List<Extension> extensions(List<String> values) {
        List<Extension> extensions = new ArrayList<>();
        for (String value : values) {
            new ExtensionLexer(value).parseInto(extensions);
        }
        return extensions;
    }

    /** A hand-written scanner over one header value. */
    private static final class ExtensionLexer {
        private final String text;
        private int at;

        ExtensionLexer(String text) {
            this.text = text;
        }

        void parseInto(List<Extension> out) {
            while (true) {
                skipSpace();
                if (at == text.length()) {
                    return;
                }
                if (text.charAt(at) == ',') {
                    at++;
                    continue;
                }
                String name = token();
                Map<String, @Nullable String> parameters = new LinkedHashMap<>();
                skipSpace();
                while (at < text.length() && text.charAt(at) == ';') {
                    at++;
                    skipSpace();
                    String parameter = token().toLowerCase(Locale.ROOT);
                    skipSpace();
                    @Nullable String parameterValue = null;
                    if (at < text.length() && text.charAt(at) == '=') {
                        at++;
                        skipSpace();
                        parameterValue = at < text.length() && text.charAt(at) == '"' ? quoted() : token();
                        skipSpace();
                    }
                    if (parameters.containsKey(parameter)) {
                        throw new IllegalArgumentException("repeated extension parameter " + parameter);
                    }
                    parameters.put(parameter, parameterValue);
                }
                if (at < text.length() && text.charAt(at) != ',') {
                    throw new IllegalArgumentException("unexpected '" + text.charAt(at) + "' in " + text);
                }
                out.add(new Extension(name.toLowerCase(Locale.ROOT), parameters));
            }
        }

        private void skipSpace() {
            while (at < text.length() && (text.charAt(at) == ' ' || text.charAt(at) == '\t')) {
                at++;
            }
        }

        private String token() {
            int start = at;
            while (at < text.length() && isToken(text.substring(at, at + 1))) {
                at++;
            }
            if (start == at) {
                throw new IllegalArgumentException("expected a token at " + start + " in " + text);
            }
            return text.substring(start, at);
        }

        private String quoted() {
            StringBuilder value = new StringBuilder();
            at++;
            while (at < text.length()) {
                char c = text.charAt(at++);
                if (c == '"') {
                    return value.toString();
                }
                if (c == '\\' && at < text.length()) {
                    c = text.charAt(at++);
                }
                value.append(c);
            }
            throw new IllegalArgumentException("unterminated quoted string in " + text);
        }
    }
}
