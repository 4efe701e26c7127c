package org.twisted4j.web.internal;

import org.twisted4j.web.Headers;

/**
 * What the response parser read before a response's body: its status line, its header fields, and how its
 * body is framed. Shared by the HTTP client and the reverse proxy.
 *
 * @param http11 whether the server spoke HTTP/1.1 (or a later 1.x); false for HTTP/1.0
 * @param code the status code, 100 to 599
 * @param reason the reason phrase, possibly empty
 * @param headers the header fields, as received
 * @param bodyLength the body's length; {@link #CHUNKED}; or {@link #UNTIL_CLOSE} when the body ends with the
 *     connection
 */
public record ResponseHead(boolean http11, int code, String reason, Headers headers, long bodyLength) {

    /** {@link #bodyLength()} of a chunked body. */
    public static final long CHUNKED = -1;
    /** {@link #bodyLength()} of a body that ends when the server closes the connection. */
    public static final long UNTIL_CLOSE = -2;

    /** Returns whether the server lets the connection carry another request after this response. */
    public boolean keepAlive() {
        if (bodyLength == UNTIL_CLOSE) {
            return false;
        }
        boolean close = false;
        boolean keep = false;
        for (String value : headers.getAll("Connection")) {
            for (String token : value.split(",")) {
                String t = token.strip();
                close |= t.equalsIgnoreCase("close");
                keep |= t.equalsIgnoreCase("keep-alive");
            }
        }
        return !close && (http11 || keep);
    }
}
