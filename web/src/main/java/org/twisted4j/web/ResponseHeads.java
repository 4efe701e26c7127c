package org.twisted4j.web;

import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * Writes a response's status line and header block, adding Date and Server unless the response set them,
 * straight into one byte array (text as ISO-8859-1, a character beyond it as '?'), optionally followed by the
 * body so that a small response leaves in one write.
 */
final class ResponseHeads {

    /** The largest body that {@link Request} copies behind its headers rather than writing apart. */
    static final int JOIN_LIMIT = 16 * 1024;
    /** No body to join. */
    static final byte[] NO_BODY = new byte[0];

    private ResponseHeads() {
    }

    static ByteBuffer encode(int code, @Nullable String message, Headers h, Site site) {
        return encode(code, message, h, site, NO_BODY);
    }

    /** Encodes the head followed by {@code body}, in one buffer. */
    static ByteBuffer encode(int code, @Nullable String message, Headers h, Site site, byte[] body) {
        String reason = message != null ? message : Http.reasonPhrase(code);
        @Nullable String date = h.contains("Date") ? null : site.currentDate();
        @Nullable String server = h.contains("Server") ? null : site.getServerName();
        int n = h.size();
        int size = 9 + 3 + 1 + reason.length() + 2 + 2 + body.length;
        if (date != null) {
            size += 6 + date.length() + 2;
        }
        if (server != null) {
            size += 8 + server.length() + 2;
        }
        for (int i = 0; i < n; i++) {
            size += h.nameAt(i).length() + 2 + h.valueAt(i).length() + 2;
        }
        byte[] out = new byte[size]; // the code has three digits: Request allows 100 to 999
        int at = put(out, 0, "HTTP/1.1 ");
        out[at++] = (byte) ('0' + code / 100);
        out[at++] = (byte) ('0' + code / 10 % 10);
        out[at++] = (byte) ('0' + code % 10);
        out[at++] = ' ';
        at = crlf(out, put(out, at, reason));
        if (date != null) {
            at = crlf(out, put(out, put(out, at, "Date: "), date));
        }
        if (server != null) {
            at = crlf(out, put(out, put(out, at, "Server: "), server));
        }
        for (int i = 0; i < n; i++) {
            at = put(out, at, h.nameAt(i));
            out[at++] = ':';
            out[at++] = ' ';
            at = crlf(out, put(out, at, h.valueAt(i)));
        }
        at = crlf(out, at);
        System.arraycopy(body, 0, out, at, body.length);
        return ByteBuffer.wrap(out, 0, at + body.length);
    }

    private static int put(byte[] out, int at, String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            out[at++] = c <= 0xff ? (byte) c : (byte) '?';
        }
        return at;
    }

    private static int crlf(byte[] out, int at) {
        out[at] = '\r';
        out[at + 1] = '\n';
        return at + 2;
    }
}
