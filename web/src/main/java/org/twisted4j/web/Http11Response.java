package org.twisted4j.web;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.nio.ByteBuffer;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP/1.1 framing of one response: whether the connection stays open after it, and how its body is
 * delimited (Content-Length, chunked, or the connection's close). {@link Request} decides what to send;
 * this puts it on the wire of its {@link HTTPChannel}. Reactor thread only.
 */
final class Http11Response {

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] LAST_CHUNK = {'0', '\r', '\n', '\r', '\n'};

    private final HTTPChannel channel;
    private final RequestHead request;
    private boolean keepAlive;
    private boolean chunked;
    private boolean raw;

    Http11Response(HTTPChannel channel, RequestHead request) {
        this.channel = channel;
        this.request = request;
        this.keepAlive = RequestTargets.wantsKeepAlive(request);
    }

    /** Whether the connection may carry another request after this response. */
    boolean keepAlive() {
        return keepAlive;
    }

    /** Whether the response is written as given by someone else, head included (see {@link #startRaw()}). */
    boolean raw() {
        return raw;
    }

    /** Whether body bytes go out as they are (not chunked, not raw), so that a file region can carry them. */
    boolean plainBody() {
        return !chunked && !raw;
    }

    /** Keeps the connection open after a {@code 101}, for the protocol it is handed to. */
    void keepForUpgrade() {
        keepAlive = true;
    }

    /** Closes the connection after this response (its request's body was not read, say). */
    void closeAfter() {
        keepAlive = false;
    }

    /** The response's bytes will come whole from elsewhere; only the close can end them. */
    void startRaw() {
        raw = true;
        keepAlive = false;
    }

    /**
     * Settles the framing and connection headers and returns the status line and header block followed by
     * {@code body}.
     *
     * @param knownLength the body's length, or -1 if not known yet
     * @param noBody the status forbids a body (1xx, 204, 304)
     * @param headMethod the request was HEAD: the framing describes the body that GET would have
     * @param body bytes to send with the head (empty when there is no body)
     */
    ByteBuffer head(int code, @Nullable String message, Headers h, long knownLength, boolean noBody,
                    boolean headMethod, byte[] body) {
        if (noBody) {
            h.remove("Content-Length");
            h.remove("Transfer-Encoding");
        } else if (h.contains("Content-Length")) {
            h.remove("Transfer-Encoding");
        } else if (knownLength >= 0) {
            h.set("Content-Length", Long.toString(knownLength));
        } else if (headMethod) {
            // The length is unknown and no body follows: send no framing at all.
        } else if (request.http11()) {
            h.set("Transfer-Encoding", "chunked");
            chunked = true;
        } else {
            keepAlive = false;
        }
        String connection = h.get("Connection");
        if (connection != null && connection.equalsIgnoreCase("close")) {
            keepAlive = false;
        }
        if (!keepAlive) {
            h.set("Connection", "close");
        } else if (!request.http11()) {
            h.set("Connection", "keep-alive");
        }
        return ResponseHeads.encode(code, message, h, channel.site(), body);
    }

    /** Sends body bytes, as a chunk if the body is chunked. */
    void body(ByteBuffer data) {
        if (chunked) {
            byte[] size = (Integer.toHexString(data.remaining()) + "\r\n").getBytes(ISO_8859_1);
            channel.send(List.of(ByteBuffer.wrap(size), data, ByteBuffer.wrap(CRLF)));
        } else {
            channel.send(data);
        }
    }

    /** Ends the body: the last chunk, if chunked. */
    void end() {
        if (chunked) {
            channel.send(ByteBuffer.wrap(LAST_CHUNK));
        }
    }
}
