package org.twisted4j.web;

/**
 * What arrived before a request's body: its line (or HTTP/2 pseudo-header fields), its header fields, and how
 * its body is framed.
 *
 * @param method the method token, as sent
 * @param target the request target, as sent
 * @param http11 whether HTTP/1.1 semantics apply (HTTP/1.1, a later 1.x, or HTTP/2); false for HTTP/1.0
 * @param headers the header fields
 * @param contentLength the body length, or -1 when it is not known in advance (chunked, or HTTP/2 without
 *     a Content-Length)
 * @param expectContinue whether the client sent {@code Expect: 100-continue}
 * @param protocol the protocol as {@link Request#getClientProto()} names it: {@code HTTP/1.0},
 *     {@code HTTP/1.1} or {@code HTTP/2.0}
 */
record RequestHead(String method, String target, boolean http11, Headers headers, long contentLength,
                   boolean expectContinue, String protocol) {

    /** A request read from an HTTP/1.x connection. */
    RequestHead(String method, String target, boolean http11, Headers headers, long contentLength,
                boolean expectContinue) {
        this(method, target, http11, headers, contentLength, expectContinue, http11 ? "HTTP/1.1" : "HTTP/1.0");
    }

    boolean chunked() {
        return contentLength < 0;
    }
}
