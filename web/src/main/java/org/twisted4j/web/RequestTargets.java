package org.twisted4j.web;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Pure helpers reading what a request line and its headers say: path segments, absolute form, cookies. */
final class RequestTargets {

    private RequestTargets() {
    }

    /** Appends the %-decoded segments after the leading slash: "/a/b/" gives a, b and "". */
    static void splitPath(String rawPath, List<String> into) {
        int start = 1;
        while (true) {
            int slash = rawPath.indexOf('/', start);
            int end = slash < 0 ? rawPath.length() : slash;
            into.add(Http.percentDecode(rawPath, start, end, false));
            if (slash < 0) {
                break;
            }
            start = slash + 1;
        }
    }

    /** Takes the path of an absolute-form target ({@code http://host/path}); "/" if it has none. */
    static String absoluteFormPath(String target) {
        int scheme = target.indexOf("://");
        if (scheme < 0) {
            return "/" + target;
        }
        int slash = target.indexOf('/', scheme + 3);
        return slash < 0 ? "/" : target.substring(slash);
    }

    /** Takes the host and port of an absolute-form target, which stand in for the Host header; null if none. */
    static @Nullable String absoluteFormAuthority(String target) {
        int scheme = target.indexOf("://");
        if (scheme < 0) {
            return null;
        }
        int slash = target.indexOf('/', scheme + 3);
        String authority = slash < 0 ? target.substring(scheme + 3) : target.substring(scheme + 3, slash);
        int at = authority.lastIndexOf('@');
        return at < 0 ? authority : authority.substring(at + 1);
    }

    /** Whether the connection stays open after this request: its Connection tokens and version say so. */
    static boolean wantsKeepAlive(RequestHead head) {
        Headers headers = head.headers();
        boolean close = false;
        boolean keep = false;
        for (int i = 0, n = headers.size(); i < n; i++) {
            if (!headers.nameAt(i).equalsIgnoreCase("Connection")) {
                continue;
            }
            String value = headers.valueAt(i);
            int start = 0;
            while (start <= value.length()) {
                int comma = value.indexOf(',', start);
                int end = comma < 0 ? value.length() : comma;
                close |= isToken(value, start, end, "close");
                keep |= isToken(value, start, end, "keep-alive");
                start = end + 1;
            }
        }
        return !close && (head.http11() || keep);
    }

    /** Whether {@code value[start, end)}, without surrounding whitespace, is {@code token} in any case. */
    private static boolean isToken(String value, int start, int end, String token) {
        while (start < end && Character.isWhitespace(value.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(value.charAt(end - 1))) {
            end--;
        }
        return end - start == token.length() && value.regionMatches(true, start, token, 0, token.length());
    }

    /** Returns the value of a cookie in the Cookie headers, or null. */
    static @Nullable String cookie(Headers headers, String name) {
        for (String header : headers.getAll("Cookie")) {
            for (String pair : header.split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).strip().equals(name)) {
                    return pair.substring(eq + 1).strip();
                }
            }
        }
        return null;
    }

    /**
     * Writes a {@code Set-Cookie} value, {@code name=value; attribute; ...} (RFC 6265 section 4.1.1).
     *
     * @throws IllegalArgumentException if the name is not a token, the value holds a control character, ';'
     *     or ',', or an attribute a control character or ';' (an {@code Expires} date has a comma)
     */
    static String setCookie(String name, String value, String... attributes) {
        if (name.isEmpty() || !name.chars().allMatch(Http::isTokenChar)) {
            throw new IllegalArgumentException("cookie name is not a token: " + name);
        }
        StringBuilder cookie = new StringBuilder(name).append('=').append(checkCookiePart(value, false));
        for (String attribute : attributes) {
            cookie.append("; ").append(checkCookiePart(attribute, true));
        }
        return cookie.toString();
    }

    private static String checkCookiePart(String part, boolean commaAllowed) {
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c == ';' || (c == ',' && !commaAllowed) || c < 0x20 || c == 0x7f) {
                throw new IllegalArgumentException("cookie part holds a forbidden character: " + part);
            }
        }
        return part;
    }

    /** Whether the client asked to upgrade the connection ({@code Connection: upgrade} and {@code Upgrade}). */
    static boolean asksToUpgrade(RequestHead head) {
        Headers headers = head.headers();
        String connection = headers.get("Connection");
        if (connection == null || !headers.contains("Upgrade")) {
            return false;
        }
        for (String token : connection.split(",")) {
            if (token.strip().equalsIgnoreCase("upgrade")) {
                return true;
            }
        }
        return false;
    }
}
