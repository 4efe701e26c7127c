package org.twisted4j.web.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * URI helpers for the agent wrappers: resolving a {@code Location} against the URI that was requested, by
 * RFC 3986 section 5.2 (which {@link URI#resolve} predates), and telling whether two URIs share an origin.
 *
 * <p>Threading: any thread (stateless).
 */
final class UriReferences {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UriReferences() {
    }

    /**
     * Resolves a reference, as found in a {@code Location} field, against the absolute {@code base}. Spaces and
     * other characters a URI may not hold are percent-encoded first (UTF-8), as browsers do. A reference
     * without a fragment keeps the base's fragment (RFC 9110 section 10.2.2).
     *
     * @throws URISyntaxException if the reference is not a URI reference even so
     */
    static URI resolve(URI base, String reference) throws URISyntaxException {
        URI ref = new URI(escapeIllegal(reference.strip()));
        String scheme;
        @Nullable String authority;
        String path;
        @Nullable String query;
        if (ref.getScheme() != null) {
            if (ref.isOpaque()) {
                return ref;
            }
            scheme = ref.getScheme();
            authority = ref.getRawAuthority();
            path = removeDotSegments(nonNull(ref.getRawPath()));
            query = ref.getRawQuery();
        } else {
            scheme = base.getScheme();
            if (ref.getRawAuthority() != null) {
                authority = ref.getRawAuthority();
                path = removeDotSegments(nonNull(ref.getRawPath()));
                query = ref.getRawQuery();
            } else {
                authority = base.getRawAuthority();
                String refPath = nonNull(ref.getRawPath());
                if (refPath.isEmpty()) {
                    path = nonNull(base.getRawPath());
                    query = ref.getRawQuery() != null ? ref.getRawQuery() : base.getRawQuery();
                } else {
                    path = removeDotSegments(refPath.startsWith("/") ? refPath : merge(base, refPath));
                    query = ref.getRawQuery();
                }
            }
        }
        String fragment = ref.getRawFragment() != null ? ref.getRawFragment() : base.getRawFragment();
        StringBuilder out = new StringBuilder().append(scheme).append(':');
        if (authority != null) {
            out.append("//").append(authority);
        }
        out.append(path);
        if (query != null) {
            out.append('?').append(query);
        }
        if (fragment != null) {
            out.append('#').append(fragment);
        }
        return new URI(out.toString());
    }

    /** Tells whether two URIs have the same scheme, host and port (default ports filled in). */
    static boolean sameOrigin(URI a, URI b) {
        String schemeA = lower(a.getScheme());
        String schemeB = lower(b.getScheme());
        return schemeA.equals(schemeB)
                && lower(a.getHost()).equals(lower(b.getHost()))
                && port(a) == port(b);
    }

    /** Returns the URI's port, or its scheme's default (80 for http, 443 for https, else -1). */
    static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return switch (lower(uri.getScheme())) {
            case "http", "ws" -> 80;
            case "https", "wss" -> 443;
            default -> -1;
        };
    }

    private static String lower(@Nullable String text) {
        return text == null ? "" : text.toLowerCase(Locale.ROOT);
    }

    private static String nonNull(@Nullable String text) {
        return text == null ? "" : text;
    }

    private static String merge(URI base, String refPath) {
        String basePath = nonNull(base.getRawPath());
        if (base.getRawAuthority() != null && basePath.isEmpty()) {
            return "/" + refPath;
        }
        return basePath.substring(0, basePath.lastIndexOf('/') + 1) + refPath;
    }

    /** RFC 3986 section 5.2.4. */
    static String removeDotSegments(String path) {
        StringBuilder in = new StringBuilder(path);
        StringBuilder out = new StringBuilder(path.length());
        while (!in.isEmpty()) {
            if (startsWith(in, "../")) {
                in.delete(0, 3);
            } else if (startsWith(in, "./")) {
                in.delete(0, 2);
            } else if (startsWith(in, "/./")) {
                in.delete(0, 2);
            } else if (in.toString().equals("/.")) {
                in.replace(0, 2, "/");
            } else if (startsWith(in, "/../")) {
                in.delete(0, 3);
                dropLastSegment(out);
            } else if (in.toString().equals("/..")) {
                in.replace(0, 3, "/");
                dropLastSegment(out);
            } else if (in.toString().equals(".") || in.toString().equals("..")) {
                in.setLength(0);
            } else {
                int next = in.indexOf("/", in.charAt(0) == '/' ? 1 : 0);
                int end = next < 0 ? in.length() : next;
                out.append(in, 0, end);
                in.delete(0, end);
            }
        }
        return out.toString();
    }

    private static boolean startsWith(StringBuilder text, String prefix) {
        return text.length() >= prefix.length() && text.substring(0, prefix.length()).equals(prefix);
    }

    private static void dropLastSegment(StringBuilder out) {
        int slash = out.lastIndexOf("/");
        out.setLength(Math.max(slash, 0));
    }

    private static String escapeIllegal(String reference) {
        @Nullable StringBuilder out = null;
        for (int i = 0; i < reference.length(); i++) {
            char c = reference.charAt(i);
            boolean illegal = c <= 0x20 || c >= 0x7f || "\"<>\\^`{|}".indexOf(c) >= 0;
            if (illegal && out == null) {
                out = new StringBuilder(reference.length() + 16).append(reference, 0, i);
            }
            if (out != null) {
                if (illegal) {
                    // A header holds its bytes as ISO-8859-1 characters: escape those bytes as they came.
                    byte[] bytes = c <= 0xff ? new byte[] {(byte) c}
                            : String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                    for (byte b : bytes) {
                        out.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
                    }
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? reference : out.toString();
    }
}
