package org.twisted4j.web.http2;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The checks of RFC 9113 §8.2 and §8.3 on a received request header list or trailer block; a list that fails is
 * malformed, a stream error of type PROTOCOL_ERROR.
 */
final class RequestHeaders {
    private static final Set<String> CONNECTION_SPECIFIC =
            Set.of("connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade");
    private static final Set<String> REQUEST_PSEUDO = Set.of(":method", ":scheme", ":authority", ":path");

    private RequestHeaders() {
    }

    /**
     * Checks a request header list and returns its Content-Length, or -1 without one.
     *
     * @throws Http2Exception PROTOCOL_ERROR on stream {@code streamId} if the list is malformed
     */
    static long validateRequest(int streamId, List<HeaderField> fields) {
        Set<String> pseudo = new HashSet<>();
        boolean regularSeen = false;
        @Nullable String method = null;
        @Nullable String path = null;
        long contentLength = -1;
        for (HeaderField field : fields) {
            String name = field.name();
            if (field.isPseudo()) {
                if (regularSeen) {
                    throw malformed(streamId, "pseudo-header " + name + " after a regular field");
                }
                if (!REQUEST_PSEUDO.contains(name)) {
                    throw malformed(streamId, "pseudo-header " + name + " is not a request pseudo-header");
                }
                if (!pseudo.add(name)) {
                    throw malformed(streamId, "pseudo-header " + name + " repeated");
                }
                if (name.equals(":method")) {
                    method = field.value();
                } else if (name.equals(":path")) {
                    path = field.value();
                }
                checkValue(streamId, field);
                continue;
            }
            regularSeen = true;
            checkRegular(streamId, field);
            if (name.equals("content-length")) {
                contentLength = contentLength(streamId, field.value(), contentLength);
            }
        }
        if (method == null) {
            throw malformed(streamId, "request without :method");
        }
        if (method.equals("CONNECT")) {
            if (!pseudo.contains(":authority") || pseudo.contains(":scheme") || pseudo.contains(":path")) {
                throw malformed(streamId, "CONNECT request needs :authority and no :scheme or :path");
            }
        } else if (!pseudo.contains(":scheme") || path == null || path.isEmpty()) {
            throw malformed(streamId, "request without :scheme or a non-empty :path");
        }
        return contentLength;
    }

    /**
     * Checks a trailer block: regular fields only.
     *
     * @throws Http2Exception PROTOCOL_ERROR on stream {@code streamId} if the block is malformed
     */
    static void validateTrailers(int streamId, List<HeaderField> fields) {
        for (HeaderField field : fields) {
            if (field.isPseudo()) {
                throw malformed(streamId, "pseudo-header " + field.name() + " in trailers");
            }
            checkRegular(streamId, field);
        }
    }

    static void checkRegular(int streamId, HeaderField field) {
        String name = field.name();
        if (name.isEmpty()) {
            throw malformed(streamId, "empty field name");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= 0x20 || (c >= 'A' && c <= 'Z') || c >= 0x7f) {
                throw malformed(streamId, "field name " + name + " has an upper-case or invalid character");
            }
        }
        if (CONNECTION_SPECIFIC.contains(name)) {
            throw malformed(streamId, "connection-specific field " + name);
        }
        if (name.equals("te") && !field.value().equals("trailers")) {
            throw malformed(streamId, "te field other than \"trailers\"");
        }
        checkValue(streamId, field);
    }

    private static void checkValue(int streamId, HeaderField field) {
        String value = field.value();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0 || c == '\r' || c == '\n') {
                throw malformed(streamId, "field " + field.name() + " has NUL, CR or LF in its value");
            }
        }
        if (!value.isEmpty() && (isBlank(value.charAt(0)) || isBlank(value.charAt(value.length() - 1)))) {
            throw malformed(streamId, "field " + field.name() + " has white space around its value");
        }
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    static long contentLength(int streamId, String value, long previous) {
        long parsed;
        try {
            parsed = value.isEmpty() || !value.chars().allMatch(c -> c >= '0' && c <= '9') ? -1 : Long.parseLong(value);
        } catch (NumberFormatException tooLong) {
            parsed = -1;
        }
        if (parsed < 0 || (previous >= 0 && previous != parsed)) {
            throw malformed(streamId, "invalid content-length " + value);
        }
        return parsed;
    }

    static Http2Exception malformed(int streamId, String message) {
        return Http2Exception.stream(streamId, ErrorCode.PROTOCOL_ERROR, message);
    }
}
