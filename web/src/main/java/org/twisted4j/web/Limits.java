package org.twisted4j.web;

/** The parser's and channel's limits, set through {@link Site}; read on the reactor thread. */
final class Limits {
    int maxRequestLineBytes = Site.DEFAULT_MAX_REQUEST_LINE_BYTES;
    int maxHeaderBytes = Site.DEFAULT_MAX_HEADER_BYTES;
    int maxHeaderCount = Site.DEFAULT_MAX_HEADER_COUNT;
    long maxBodyBytes = Site.DEFAULT_MAX_BODY_BYTES;
}
