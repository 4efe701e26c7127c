package org.twisted4j.web.internal;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.nio.ByteBuffer;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.twisted4j.web.Headers;

/**
 * The incremental HTTP/1.1 response parser, the client side of {@code HttpParser}: bytes in, one response's
 * head, body pieces and end (or an error) out, through a {@link Listener}. Any split of the input parses the
 * same.
 *
 * <p>It reads one response: interim (1xx) responses are skipped; then the body is framed by RFC 9112 §6.3:
 * none after HEAD or for 204 and 304; {@code Transfer-Encoding: chunked} (extensions ignored, trailers read
 * and dropped); a Content-Length; else everything until the server closes. After the response, further input
 * is ignored. It is strict where leniency would make it disagree with the server about where the response
 * ends: Content-Length beside Transfer-Encoding, differing Content-Lengths, transfer codings other than
 * chunked, obsolete line folding and bad chunk framing are errors, as is input past a limit.
 *
 * <p>Threading: one connection's, on its reactor thread.
 */
public final class ResponseParser {

    /** Receives what the parser finds. */
    public interface Listener {
        /** The final (non-1xx) response's head has arrived. */
        void headReceived(ResponseHead head);

        /** A piece of the body; the buffer is valid only during the call. */
        void bodyReceived(ByteBuffer piece);

        /** The response is complete. */
        void bodyFinished();

        /** The input is not an acceptable response, or it ended too soon; nothing more will be reported. */
        void parseFailed(String reason);
    }

    /** Default longest status line, in bytes: 8 KiB. */
    public static final int DEFAULT_MAX_STATUS_LINE_BYTES = 8192;
    /** Default largest total of header field lines (and, apart, of trailer lines), in bytes: 64 KiB. */
    public static final int DEFAULT_MAX_HEADER_BYTES = 64 * 1024;
    /** Default most header fields (and, apart, trailer fields): 200. */
    public static final int DEFAULT_MAX_HEADER_COUNT = 200;

    private enum State { STATUS_LINE, HEADERS, BODY, UNTIL_CLOSE, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS, DONE,
        FAILED }

    private final Listener listener;
    private final boolean headRequest;
    private int maxStatusLineBytes = DEFAULT_MAX_STATUS_LINE_BYTES;
    private int maxHeaderBytes = DEFAULT_MAX_HEADER_BYTES;
    private int maxHeaderCount = DEFAULT_MAX_HEADER_COUNT;

    private final HeadLines lines = new HeadLines();
    private State state = State.STATUS_LINE;
    private long bodyLeft;
    private boolean http11;
    private int code;
    private String reason = "";
    private Headers headers = new Headers();
    private boolean inputAfterResponse;

    /**
     * Makes a parser for the response to one request.
     *
     * @param listener receives what is found
     * @param headRequest whether the request was HEAD, whose response has no body whatever its headers say
     */
    public ResponseParser(Listener listener, boolean headRequest) {
        this.listener = listener;
        this.headRequest = headRequest;
    }

    /** Sets the longest status line accepted, in bytes. */
    public void setMaxStatusLineBytes(int bytes) {
        maxStatusLineBytes = bytes;
    }

    /** Sets the largest total of header field lines (and, apart, of trailer lines) accepted, in bytes. */
    public void setMaxHeaderBytes(int bytes) {
        maxHeaderBytes = bytes;
    }

    /** Sets the most header fields (and, apart, trailer fields) accepted. */
    public void setMaxHeaderCount(int count) {
        maxHeaderCount = count;
    }

    /** Returns whether the response is complete. */
    public boolean isDone() {
        return state == State.DONE;
    }

    /**
     * Returns whether input came after the end of the response (it was dropped): a server that sends more
     * than one response's worth cannot be trusted with another request on the same connection.
     */
    public boolean sawInputAfterResponse() {
        return inputAfterResponse;
    }

    /** Parses everything in the buffer, reporting to the listener; consumes it all. */
    public void feed(ByteBuffer data) {
        while (data.hasRemaining()) {
            switch (state) {
                case DONE -> {
                    inputAfterResponse = true;
                    data.position(data.limit());
                }
                case FAILED -> data.position(data.limit());
                case BODY, CHUNK_DATA, UNTIL_CLOSE -> readBody(data);
                default -> {
                    if (!readLine(data)) {
                        return;
                    }
                    handleLine();
                    lines.clear();
                }
            }
        }
    }

    /**
     * The server has closed the connection: that ends a body read until close, and is an error anywhere else
     * before the response is complete.
     */
    public void connectionClosed() {
        switch (state) {
            case DONE, FAILED -> {
            }
            case UNTIL_CLOSE -> finish();
            case STATUS_LINE -> fail(lines.length() == 0 && code == 0 ? "the server closed the connection without a response"
                    : "the server closed the connection in the response head");
            case HEADERS -> fail("the server closed the connection in the response head");
            default -> fail("the server closed the connection before the end of the response body");
        }
    }

    private void readBody(ByteBuffer data) {
        int take = state == State.UNTIL_CLOSE ? data.remaining() : (int) Math.min(data.remaining(), bodyLeft);
        ByteBuffer piece = data.slice(data.position(), take);
        data.position(data.position() + take);
        if (state != State.UNTIL_CLOSE) {
            bodyLeft -= take;
            if (bodyLeft == 0) {
                state = state == State.BODY ? State.DONE : State.CHUNK_END;
            }
        }
        listener.bodyReceived(piece);
        if (state == State.DONE) {
            listener.bodyFinished();
        }
    }

    /** Reads up to a LF; returns true with the line (without CR LF) in {@code lines}. */
    private boolean readLine(ByteBuffer data) {
        int limit = switch (state) {
            case STATUS_LINE -> maxStatusLineBytes + 1; // room for the CR
            case HEADERS, TRAILERS -> lines.fieldLimit(maxHeaderBytes);
            default -> HeadLines.MAX_CHUNK_LINE;
        };
        return switch (lines.read(data, limit)) {
            case LINE -> true;
            case MORE -> false;
            case TOO_LONG -> {
                data.position(data.limit());
                fail(switch (state) {
                    case STATUS_LINE -> "status line too long";
                    case HEADERS, TRAILERS -> "header fields too large";
                    default -> "chunk line too long";
                });
                yield false;
            }
        };
    }

    private void handleLine() {
        switch (state) {
            case STATUS_LINE -> parseStatusLine();
            case HEADERS -> {
                if (lines.length() == 0) {
                    endHead();
                } else {
                    parseHeaderLine(headers);
                }
            }
            case CHUNK_SIZE -> parseChunkSize();
            case CHUNK_END -> {
                if (lines.length() != 0) {
                    fail("chunk data longer than its size");
                } else {
                    state = State.CHUNK_SIZE;
                }
            }
            case TRAILERS -> {
                if (lines.length() == 0) {
                    finish();
                } else {
                    parseHeaderLine(null);
                }
            }
            default -> throw new IllegalStateException(state.toString());
        }
    }

    /** {@code HTTP/1.x SP 3DIGIT [SP reason]}; a missing reason is tolerated, as it harms no framing. */
    private void parseStatusLine() {
        byte[] b = lines.bytes();
        int n = lines.length();
        if (n < 12 || b[0] != 'H' || b[1] != 'T' || b[2] != 'T' || b[3] != 'P' || b[4] != '/' || b[5] != '1'
                || b[6] != '.' || !isDigit(b[7]) || b[8] != ' ') {
            fail("malformed status line");
            return;
        }
        if (!isDigit(b[9]) || !isDigit(b[10]) || !isDigit(b[11]) || (n > 12 && b[12] != ' ')) {
            fail("malformed status code");
            return;
        }
        int status = (b[9] - '0') * 100 + (b[10] - '0') * 10 + (b[11] - '0');
        if (status < 100 || status > 599) {
            fail("status code out of range: " + status);
            return;
        }
        for (int i = 13; i < n; i++) {
            if (HeadLines.isControl(b[i])) {
                fail("control character in the reason phrase");
                return;
            }
        }
        http11 = b[7] != '0';
        code = status;
        reason = n > 13 ? new String(b, 13, n - 13, ISO_8859_1) : "";
        headers = new Headers();
        lines.startFields();
        state = State.HEADERS;
    }

    /** Parses a field line into {@code into}, or checks and drops it if {@code into} is null (a trailer). */
    private void parseHeaderLine(@Nullable Headers into) {
        switch (lines.checkField(maxHeaderCount)) {
            case OK -> {
                if (into != null) {
                    into.add(lines.name(), lines.value());
                }
            }
            case TOO_MANY -> fail("too many header fields");
            case FOLDED -> fail("obsolete line folding");
            case MALFORMED -> fail("malformed header field");
            case BAD_NAME -> fail("malformed header name");
            case CONTROL_IN_VALUE -> fail("control character in a header value");
        }
    }

    private void endHead() {
        if (code < 200) {
            if (code == 101) {
                fail("unexpected 101 Switching Protocols");
                return;
            }
            state = State.STATUS_LINE; // an interim response: the real one follows
            return;
        }
        List<String> codings = headers.getAll("Transfer-Encoding");
        List<String> lengths = headers.getAll("Content-Length");
        long length;
        if (headRequest || code == 204 || code == 304) {
            length = 0;
        } else if (!codings.isEmpty()) {
            if (!lengths.isEmpty()) {
                fail("Content-Length with Transfer-Encoding");
                return;
            }
            if (Framing.chunkedFraming(codings) != 0) {
                fail("unsupported transfer coding: " + String.join(", ", codings));
                return;
            }
            length = ResponseHead.CHUNKED;
        } else if (!lengths.isEmpty()) {
            length = Framing.contentLength(lengths);
            if (length < 0) {
                fail("malformed or conflicting Content-Length");
                return;
            }
        } else {
            length = ResponseHead.UNTIL_CLOSE;
        }
        ResponseHead head = new ResponseHead(http11, code, reason, headers, length);
        if (length == ResponseHead.CHUNKED) {
            state = State.CHUNK_SIZE;
        } else if (length == ResponseHead.UNTIL_CLOSE) {
            state = State.UNTIL_CLOSE;
        } else if (length > 0) {
            state = State.BODY;
            bodyLeft = length;
        } else {
            state = State.DONE;
        }
        listener.headReceived(head);
        if (state == State.DONE) {
            listener.bodyFinished();
        }
    }

    private void parseChunkSize() {
        long size = Framing.chunkSize(lines.bytes(), lines.length());
        if (size < 0) {
            fail(size == Framing.TOO_LARGE ? "chunk size too large"
                    : size == Framing.CONTROL_IN_EXTENSION ? "control character in a chunk extension"
                    : "malformed chunk size");
            return;
        }
        if (size == 0) {
            state = State.TRAILERS;
            lines.startFields();
        } else {
            bodyLeft = size;
            state = State.CHUNK_DATA;
        }
    }

    private void finish() {
        state = State.DONE;
        listener.bodyFinished();
    }

    private void fail(String why) {
        state = State.FAILED;
        listener.parseFailed(why);
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }
}
