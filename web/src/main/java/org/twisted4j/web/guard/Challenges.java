package org.twisted4j.web.guard;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.twisted4j.web.Request;

/** Writes {@code WWW-Authenticate} challenges as Twisted does, and checks what goes into them. */
final class Challenges {

    private Challenges() {
    }

    /**
     * Returns {@code scheme name="value", name="value"}: each value quoted, with backslash and double quote
     * escaped by a backslash.
     */
    static String format(String scheme, Map<String, String> challenge) {
        StringBuilder out = new StringBuilder(scheme).append(' ');
        boolean first = true;
        for (Map.Entry<String, String> directive : challenge.entrySet()) {
            if (!first) {
                out.append(", ");
            }
            first = false;
            out.append(directive.getKey()).append("=\"");
            String value = directive.getValue();
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '\\' || c == '"') {
                    out.append('\\');
                }
                out.append(c);
            }
            out.append('"');
        }
        return out.toString();
    }

    /** Adds one challenge header per factory to the response. */
    static void challenge(Request request, List<CredentialFactory> factories) {
        for (CredentialFactory factory : factories) {
            request.addHeader("WWW-Authenticate", format(factory.scheme(), factory.getChallenge(request)));
        }
    }

    /** Returns the realm if it can go into a header; throws IllegalArgumentException if not. */
    static String checkRealm(String realm) {
        Objects.requireNonNull(realm, "realm");
        for (int i = 0; i < realm.length(); i++) {
            char c = realm.charAt(i);
            if (c < ' ' || c == 127 || c > 255) {
                throw new IllegalArgumentException("a realm holds printable ISO-8859-1 characters only");
            }
        }
        return realm;
    }

    /** ASCII lower case, as Python's {@code bytes.lower}. */
    static String asciiLower(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
        }
        return out.toString();
    }
}
