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
final class Http11Response implements ResponseWire {

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
    @Override
    public boolean keepAlive() {
        return keepAlive;
    }

    /** Whether the response is written as given by someone else, head included (see {@link #startRaw()}). */
    @Override
    public boolean raw() {
        return raw;
    }

    /** Whether body bytes go out as they are (not chunked, not raw), so that a file region can carry them. */
    @Override
    public boolean plainBody() {
        return !chunked && !raw;
    }

    /** Keeps the connection open after a {@code 101}, for the protocol it is handed to. */
    @Override
    public void keepForUpgrade() {
        keepAlive = true;
    }

    /** Closes the connection after this response (its request's body was not read, say). */
    @Override
    public void closeAfter() {
        keepAlive = false;
    }

    /** The response's bytes will come whole from elsewhere; only the close can end them. */
    @Override
    public void startRaw() {
        raw = true;
        keepAlive = false;
    }

    /** Settles the framing and connection headers and sends the status line and header block, then the body. */
    @Override
    public void head(int code, @Nullable String message, Headers h, long knownLength, boolean noBody,
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
        channel.send(ResponseHeads.encode(code, message, h, channel.site(), body));
    }

    /** Sends body bytes, as a chunk if the body is chunked. */
    @Override
    public void body(ByteBuffer data) {
        if (chunked) {
            byte[] size = (Integer.toHexString(data.remaining()) + "\r\n").getBytes(ISO_8859_1);
            channel.send(List.of(ByteBuffer.wrap(size), data, ByteBuffer.wrap(CRLF)));
        } else {
            channel.send(data);
        }
    }

    @Override
    public void rawBytes(ByteBuffer data) {
        channel.send(data);
    }

    /** Ends the body: the last chunk, if chunked. */
    @Override
    public void end() {
        if (chunked) {
            channel.send(ByteBuffer.wrap(LAST_CHUNK));
        }
    }
}
