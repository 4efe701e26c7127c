package org.twisted4j.web;

/**
 * What the parser read before a request's body: its line, its header fields, and how its body is framed.
 *
 * @param method the method token, as sent
 * @param target the request target, as sent
 * @param http11 whether the version is HTTP/1.1 (or a later 1.x); false for HTTP/1.0
 * @param headers the header fields
 * @param contentLength the body length, or -1 when the body is chunked
 * @param expectContinue whether the client sent {@code Expect: 100-continue}
 */
record RequestHead(String method, String target, boolean http11, Headers headers, long contentLength,
                   boolean expectContinue) {

    boolean chunked() {
        return contentLength < 0;
    }
}
