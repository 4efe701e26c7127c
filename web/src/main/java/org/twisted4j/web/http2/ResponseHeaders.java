package org.twisted4j.web.http2;

import java.util.List;

/**
 * The checks of RFC 9113 §8.3.2 on a response header list a client received: one {@code :status} of three
 * digits before the regular fields, which pass the checks of {@link RequestHeaders}. A list that fails is
 * malformed, a stream error of type PROTOCOL_ERROR.
 *
 * @param status the status code
 * @param contentLength the Content-Length, or -1 without one
 */
record ResponseHeaders(int status, long contentLength) {

    /**
     * Checks a response header list.
     *
     * @throws Http2Exception PROTOCOL_ERROR on stream {@code streamId} if the list is malformed
     */
    static ResponseHeaders validate(int streamId, List<HeaderField> fields) {
        int status = -1;
        boolean regularSeen = false;
        long contentLength = -1;
        for (HeaderField field : fields) {
            if (field.isPseudo()) {
                if (regularSeen) {
                    throw RequestHeaders.malformed(streamId, "pseudo-header " + field.name() + " after a regular field");
                }
                if (!field.name().equals(":status")) {
                    throw RequestHeaders.malformed(streamId, "pseudo-header " + field.name() + " in a response");
                }
                if (status >= 0) {
                    throw RequestHeaders.malformed(streamId, ":status repeated");
                }
                status = status(streamId, field.value());
                continue;
            }
            regularSeen = true;
            RequestHeaders.checkRegular(streamId, field);
            if (field.name().equals("content-length")) {
                contentLength = RequestHeaders.contentLength(streamId, field.value(), contentLength);
            }
        }
        if (status < 0) {
            throw RequestHeaders.malformed(streamId, "response without :status");
        }
        return new ResponseHeaders(status, contentLength);
    }

    private static int status(int streamId, String value) {
        if (value.length() != 3 || !value.chars().allMatch(c -> c >= '0' && c <= '9') || value.charAt(0) == '0') {
            throw RequestHeaders.malformed(streamId, "invalid :status " + value);
        }
        return Integer.parseInt(value);
    }
}
