package org.twisted4j.web.client;

import java.net.URI;
import java.time.Instant;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Reads one {@code Set-Cookie} field by RFC 6265 sections 5.2 and 5.3 (steps 2 to 10), refusing control
 * characters as RFC 6265bis does (so a cookie cannot carry one into a later request's {@code Cookie} field): the
 * name and value,
 * then {@code Expires}, {@code Max-Age}, {@code Domain}, {@code Path}, {@code Secure}, {@code HttpOnly} and
 * {@code SameSite} (the last of each wins; {@code Max-Age} beats {@code Expires}), and decides the domain and
 * path the cookie applies to for the request that got it.
 *
 * <p>Threading: any thread (stateless).
 */
final class SetCookieParser {

    /** Far enough in the past that any clock is after it: the expiry of a cookie deleted by Max-Age. */
    static final Instant EARLIEST = Instant.EPOCH;

    private SetCookieParser() {
    }

    /**
     * Returns the cookie the field sets for a response to {@code requestUri}, or null if the cookie must be
     * ignored (a control character other than tab anywhere in the field, as RFC 6265bis section 5.7 says; no
     * {@code =} in its first part; an empty name; or a {@code Domain} the request host is not in).
     */
    static @Nullable Cookie parse(String field, URI requestUri, Instant now) {
        if (field.chars().anyMatch(c -> (c < 0x20 && c != '\t') || c == 0x7f)) {
            return null;
        }
        int semicolon = field.indexOf(';');
        String pair = semicolon < 0 ? field : field.substring(0, semicolon);
        int eq = pair.indexOf('=');
        if (eq < 0) {
            return null;
        }
        String name = trim(pair.substring(0, eq));
        String value = trim(pair.substring(eq + 1));
        if (name.isEmpty()) {
            return null;
        }
        Attributes attributes = new Attributes();
        if (semicolon >= 0) {
            for (String attribute : field.substring(semicolon + 1).split(";", -1)) {
                attributes.read(attribute, now);
            }
        }
        String host = CookieJar.canonicalHost(requestUri);
        String domain = attributes.domain == null ? "" : attributes.domain;
        if (!domain.isEmpty() && domain.indexOf('.') < 0) {
            // Minimal public-suffix rule: a Domain of one label (a top-level domain) is refused,
            // unless it is the host itself, when the cookie becomes host-only.
            if (!domain.equals(host)) {
                return null;
            }
            domain = "";
        }
        boolean hostOnly = domain.isEmpty();
        if (hostOnly) {
            domain = host;
        } else if (!CookieJar.domainMatches(host, domain)) {
            return null;
        }
        String path = attributes.path == null ? defaultPath(requestUri) : attributes.path;
        Instant expires = attributes.maxAgeExpiry != null ? attributes.maxAgeExpiry : attributes.expires;
        return new Cookie(name, value, domain, path, expires, hostOnly, attributes.secure, attributes.httpOnly,
                attributes.sameSite, now);
    }

    /** The default-path of RFC 6265 section 5.1.4: the request path up to, not including, its last slash. */
    static String defaultPath(URI requestUri) {
        String path = requestUri.getRawPath();
        if (path == null || path.isEmpty() || path.charAt(0) != '/') {
            return "/";
        }
        int last = path.lastIndexOf('/');
        return last == 0 ? "/" : path.substring(0, last);
    }

    /** Strips the whitespace RFC 6265 strips: spaces and tabs. */
    private static String trim(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && (text.charAt(start) == ' ' || text.charAt(start) == '\t')) {
            start++;
        }
        while (end > start && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\t')) {
            end--;
        }
        return text.substring(start, end);
    }

    /** The attributes read so far; each later one replaces an earlier one of its name. */
    private static final class Attributes {
        @Nullable Instant expires;
        @Nullable Instant maxAgeExpiry;
        @Nullable String domain;
        @Nullable String path;
        boolean secure;
        boolean httpOnly;
        @Nullable String sameSite;

        void read(String attribute, Instant now) {
            int eq = attribute.indexOf('=');
            String name = trim(eq < 0 ? attribute : attribute.substring(0, eq)).toLowerCase(Locale.ROOT);
            String value = eq < 0 ? "" : trim(attribute.substring(eq + 1));
            switch (name) {
                case "expires" -> {
                    Instant date = CookieDates.parse(value);
                    if (date != null) {
                        expires = date;
                    }
                }
                case "max-age" -> maxAge(value, now);
                case "domain" -> {
                    if (!value.isEmpty()) {
                        String d = value.startsWith(".") ? value.substring(1) : value;
                        domain = d.toLowerCase(Locale.ROOT);
                    }
                }
                case "path" -> path = value.isEmpty() || value.charAt(0) != '/' ? null : value;
                case "secure" -> secure = true;
                case "httponly" -> httpOnly = true;
                case "samesite" -> sameSite = value;
                default -> {
                    // Unknown attributes are ignored.
                }
            }
        }

        private void maxAge(String value, Instant now) {
            if (value.isEmpty() || !(value.charAt(0) == '-' || (value.charAt(0) >= '0' && value.charAt(0) <= '9'))) {
                return;
            }
            for (int i = 1; i < value.length(); i++) {
                if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                    return;
                }
            }
            if (value.equals("-")) {
                return;
            }
            long seconds;
            try {
                seconds = Long.parseLong(value);
            } catch (NumberFormatException tooLong) {
                seconds = value.charAt(0) == '-' ? -1 : Long.MAX_VALUE;
            }
            if (seconds <= 0) {
                maxAgeExpiry = EARLIEST;
            } else {
                maxAgeExpiry = seconds > Instant.MAX.getEpochSecond() - now.getEpochSecond()
                        ? Instant.MAX : now.plusSeconds(seconds);
            }
        }
    }
}
