package org.twisted4j.web;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.twisted4j.web.internal.Framing;
import org.twisted4j.web.internal.HeadLines;

/**
 * The incremental HTTP/1.1 request parser: bytes in, request heads, body pieces and errors out, through a
 * {@link Listener}. Any split of the input parses the same. It reads pipelined requests one after another
 * and stops for good at the first error, which it reports with the status code to answer. Its reader may
 * pause it between events, to read a body only when it is wanted.
 *
 * <p>It is strict where leniency lets two parsers disagree about where a request ends (RFC 9112 §11.2):
 * obsolete line folding, whitespace before a colon, Content-Length beside Transfer-Encoding, differing
 * Content-Lengths, bad chunk sizes and stray bytes after a chunk are errors (400).
 */
final class HttpParser {

    /** Receives what the parser finds. */
    interface Listener {
        /** A request's line and header fields have arrived. */
        void headReceived(RequestHead head);

        /** A piece of the current request's body; the buffer is valid only during the call. */
        void bodyReceived(ByteBuffer piece);

        /** The current request's body is complete (also called at once for a request without one). */
        void bodyFinished();

        /** The input is not acceptable; nothing more will be reported. */
        void parseFailed(int status, String reason);
    }

    private enum State { REQUEST_LINE, HEADERS, BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS, FAILED }

    private final Listener listener;
    private final Limits limits;

    private final HeadLines lines = new HeadLines();
    private State state = State.REQUEST_LINE;
    private long bodyLeft;
    private long bodyTotal;
    private boolean paused;

    private String method = "";
    private String target = "";
    private boolean http11;
    private Headers headers = new Headers();

    HttpParser(Listener listener, Limits limits) {
        this.listener = listener;
        this.limits = limits;
    }

    /** Whether a request head has begun to arrive but is not complete yet. */
    boolean inHead() {
        return state == State.HEADERS || (state == State.REQUEST_LINE && lines.length() > 0);
    }

    /** Whether the parser has stopped at an error. */
    boolean failed() {
        return state == State.FAILED;
    }

    /** Whether the parser is in the middle of a request's body. */
    boolean inBody() {
        return state == State.BODY || state == State.CHUNK_SIZE || state == State.CHUNK_DATA
                || state == State.CHUNK_END || state == State.TRAILERS;
    }

    /** Stops {@link #feed} after the event being reported; the rest of its buffer stays unconsumed. */
    void pause() {
        paused = true;
    }

    /** Lets {@link #feed} go on again. */
    void resume() {
        paused = false;
    }

    /** Whether {@link #pause()} is in force. */
    boolean paused() {
        return paused;
    }

    /**
     * Parses the buffer, reporting to the listener: all of it, unless the parser is or becomes
     * {@linkplain #pause() paused}, when the rest is left in the buffer.
     */
    void feed(ByteBuffer data) {
        while (data.hasRemaining() && !paused) {
            switch (state) {
                case FAILED -> {
                    data.position(data.limit());
                    return;
                }
                case BODY -> readBody(data);
                case CHUNK_DATA -> readChunkData(data);
                default -> {
                    // Without a line, the input is used up, or the line was too long and the parser has failed.
                    if (readLine(data)) {
                        handleLine();
                        lines.clear();
                    }
                }
            }
        }
    }

    private void readBody(ByteBuffer data) {
        int take = (int) Math.min(data.remaining(), bodyLeft);
        deliver(data, take);
        bodyLeft -= take;
        if (bodyLeft == 0) {
            endRequest();
        }
    }

    private void readChunkData(ByteBuffer data) {
        int take = (int) Math.min(data.remaining(), bodyLeft);
        deliver(data, take);
        bodyLeft -= take;
        if (bodyLeft == 0) {
            state = State.CHUNK_END;
        }
    }

    private void deliver(ByteBuffer data, int take) {
        int end = data.position() + take;
        ByteBuffer piece = data.slice(data.position(), take);
        data.position(end);
        listener.bodyReceived(piece);
    }

    /** Reads up to a LF; returns true with the line (without CR LF) in {@code lines}. */
    private boolean readLine(ByteBuffer data) {
        return switch (lines.read(data, lineLimit())) {
            case LINE -> true;
            case MORE -> false;
            case TOO_LONG -> {
                tooLong();
                yield false;
            }
        };
    }

    private int lineLimit() {
        return switch (state) {
            case REQUEST_LINE -> limits.maxRequestLineBytes + 1; // room for the CR
            case HEADERS, TRAILERS -> lines.fieldLimit(limits.maxHeaderBytes);
            default -> HeadLines.MAX_CHUNK_LINE;
        };
    }

    private void tooLong() {
        switch (state) {
            case REQUEST_LINE -> fail(414, "request line too long");
            case HEADERS, TRAILERS -> fail(431, "header fields too large");
            default -> fail(400, "chunk line too long");
        }
    }

    private void handleLine() {
        switch (state) {
            case REQUEST_LINE -> {
                if (lines.length() > 0) {
                    parseRequestLine();
                }
            }
            case HEADERS -> {
                if (lines.length() == 0) {
                    endHead();
                } else {
                    parseHeaderLine(true);
                }
            }
            case CHUNK_SIZE -> parseChunkSize();
            case CHUNK_END -> {
                if (lines.length() != 0) {
                    fail(400, "chunk data longer than its size");
                } else {
                    state = State.CHUNK_SIZE;
                }
            }
            case TRAILERS -> {
                if (lines.length() == 0) {
                    endRequest();
                } else {
                    parseHeaderLine(false);
                }
            }
            default -> throw new IllegalStateException(state.toString());
        }
    }

    private void parseRequestLine() {
        byte[] b = lines.bytes();
        int n = lines.length();
        int sp1 = indexOf(b, 0, n, ' ');
        if (sp1 <= 0) {
            fail(400, "malformed request line");
            return;
        }
        for (int i = 0; i < sp1; i++) {
            if (!Http.isTokenChar(b[i])) {
                fail(400, "malformed method");
                return;
            }
        }
        int sp2 = indexOf(b, sp1 + 1, n, ' ');
        if (sp2 < 0 || sp2 == sp1 + 1) {
            fail(400, "malformed request line");
            return;
        }
        for (int i = sp1 + 1; i < sp2; i++) {
            int c = b[i] & 0xff;
            if (c <= 0x20 || c >= 0x7f) {
                fail(400, "malformed request target");
                return;
            }
        }
        int v = sp2 + 1;
        if (n - v != 8 || b[v] != 'H' || b[v + 1] != 'T' || b[v + 2] != 'T' || b[v + 3] != 'P' || b[v + 4] != '/'
                || !isDigit(b[v + 5]) || b[v + 6] != '.' || !isDigit(b[v + 7])) {
            fail(400, "malformed HTTP version");
            return;
        }
        if (b[v + 5] != '1') {
            fail(505, "HTTP version not supported");
            return;
        }
        method = new String(b, 0, sp1, ISO_8859_1);
        target = new String(b, sp1 + 1, sp2 - sp1 - 1, ISO_8859_1);
        http11 = b[v + 7] != '0';
        headers = new Headers();
        lines.startFields();
        state = State.HEADERS;
    }

    private void parseHeaderLine(boolean keep) {
        switch (lines.checkField(limits.maxHeaderCount)) {
            case OK -> {
                if (keep) {
                    headers.addUnchecked(lines.name(), lines.value());
                }
            }
            case TOO_MANY -> fail(431, "too many header fields");
            case FOLDED -> fail(400, "obsolete line folding");
            case MALFORMED -> fail(400, "malformed header field");
            case BAD_NAME -> fail(400, "malformed header name");
            case CONTROL_IN_VALUE -> fail(400, "control character in header value");
        }
    }

    private void endHead() {
        // One pass over the fields for the few that frame the request; lists only when they are present.
        int hosts = 0;
        List<String> codings = List.of();
        List<String> lengths = List.of();
        @Nullable String expect = null;
        for (int i = 0, n = headers.size(); i < n; i++) {
            String name = headers.nameAt(i);
            switch (name.length()) {
                case 4 -> hosts += name.equalsIgnoreCase("Host") ? 1 : 0;
                case 6 -> expect = expect == null && name.equalsIgnoreCase("Expect") ? headers.valueAt(i) : expect;
                case 14 -> lengths = name.equalsIgnoreCase("Content-Length") ? with(lengths, headers.valueAt(i)) : lengths;
                case 17 -> codings = name.equalsIgnoreCase("Transfer-Encoding") ? with(codings, headers.valueAt(i)) : codings;
                default -> {
                }
            }
        }
        if (hosts > 1 || (http11 && hosts == 0)) {
            fail(400, hosts == 0 ? "missing Host header" : "more than one Host header");
            return;
        }
        long length = 0;
        if (!codings.isEmpty()) {
            if (!lengths.isEmpty()) {
                fail(400, "Content-Length with Transfer-Encoding");
                return;
            }
            if (!http11) {
                fail(400, "Transfer-Encoding in an HTTP/1.0 request");
                return;
            }
            int framing = Framing.chunkedFraming(codings);
            if (framing != 0) {
                fail(framing, framing == 501 ? "unsupported transfer coding" : "malformed Transfer-Encoding");
                return;
            }
            length = -1;
        } else if (!lengths.isEmpty()) {
            length = Framing.contentLength(lengths);
            if (length == Framing.MALFORMED) {
                fail(400, "malformed or conflicting Content-Length");
                return;
            }
            if (length == Framing.TOO_LARGE || length > limits.maxBodyBytes) {
                fail(413, "body too large");
                return;
            }
        }
        boolean expectContinue = expect != null && expect.equalsIgnoreCase("100-continue");
        RequestHead head = new RequestHead(method, target, http11, headers, length, expectContinue);
        bodyTotal = 0;
        if (length < 0) {
            state = State.CHUNK_SIZE;
            listener.headReceived(head);
        } else if (length > 0) {
            state = State.BODY;
            bodyLeft = length;
            listener.headReceived(head);
        } else {
            state = State.REQUEST_LINE;
            listener.headReceived(head);
            if (state != State.FAILED) {
                listener.bodyFinished();
            }
        }
    }

    private static List<String> with(List<String> values, String value) {
        List<String> more = new ArrayList<>(values);
        more.add(value);
        return more;
    }

    private void parseChunkSize() {
        long size = Framing.chunkSize(lines.bytes(), lines.length());
        if (size < 0) {
            fail(400, size == Framing.TOO_LARGE ? "chunk size too large"
                    : size == Framing.CONTROL_IN_EXTENSION ? "control character in chunk extension"
                    : "malformed chunk size");
            return;
        }
        if (size == 0) {
            state = State.TRAILERS;
            lines.startFields();
            return;
        }
        bodyTotal += size;
        if (bodyTotal > limits.maxBodyBytes) {
            fail(413, "body too large");
            return;
        }
        bodyLeft = size;
        state = State.CHUNK_DATA;
    }

    private void endRequest() {
        state = State.REQUEST_LINE;
        listener.bodyFinished();
    }

    private void fail(int status, String reason) {
        state = State.FAILED;
        listener.parseFailed(status, reason);
    }

    private static int indexOf(byte[] b, int from, int to, char c) {
        for (int i = from; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }
}
