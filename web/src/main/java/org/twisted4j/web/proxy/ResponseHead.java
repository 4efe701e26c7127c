package org.twisted4j.web.proxy;

import org.twisted4j.web.Headers;

/**
 * What the response parser read before a response's body: its status line, its header fields, and how its
 * body is framed.
 *
 * @param http11 whether the server spoke HTTP/1.1 (or a later 1.x); false for HTTP/1.0
 * @param code the status code, 100 to 599
 * @param reason the reason phrase, possibly empty
 * @param headers the header fields, as received
 * @param bodyLength the body's length; {@link #CHUNKED}; or {@link #UNTIL_CLOSE} when the body ends with the
 *     connection
 */
record ResponseHead(boolean http11, int code, String reason, Headers headers, long bodyLength) {

    /** {@link #bodyLength()} of a chunked body. */
    static final long CHUNKED = -1;
    /** {@link #bodyLength()} of a body that ends when the server closes the connection. */
    static final long UNTIL_CLOSE = -2;
}
