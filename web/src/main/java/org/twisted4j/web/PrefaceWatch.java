package org.twisted4j.web;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.nio.ByteBuffer;

/**
 * Watches the first bytes of a connection for HTTP/2's connection preface, which a client with prior knowledge
 * of HTTP/2 ("h2c", as {@code curl --http2-prior-knowledge}) opens with (RFC 9113 §3.4), and keeps them
 * until it can tell. Reactor thread only.
 */
final class PrefaceWatch {

    /** What the first bytes show. */
    enum Verdict {
        /** Not enough bytes yet: all of them are kept. */
        UNDECIDED,
        /** They are not the preface. */
        HTTP1,
        /** They are the preface. */
        HTTP2
    }

    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(ISO_8859_1);

    private final ByteBuffer seen = ByteBuffer.allocate(PREFACE.length);

    /**
     * Looks at the next bytes. Those it keeps (all of them while UNDECIDED; of the preface, when it is one)
     * are consumed from {@code data}; on a verdict, {@link #received} gives back every byte in order.
     */
    Verdict offer(ByteBuffer data) {
        int at = data.position();
        int n = Math.min(data.remaining(), seen.remaining());
        for (int i = 0; i < n; i++) {
            if (data.get(at + i) != PREFACE[seen.position() + i]) {
                return Verdict.HTTP1;
            }
        }
        seen.put(data.slice(at, n));
        data.position(at + n);
        return seen.hasRemaining() ? Verdict.UNDECIDED : Verdict.HTTP2;
    }

    /** Returns the bytes kept followed by {@code rest} (just {@code rest} if none were kept). */
    ByteBuffer received(ByteBuffer rest) {
        ByteBuffer kept = seen.flip();
        return kept.hasRemaining()
                ? ByteBuffer.allocate(kept.remaining() + rest.remaining()).put(kept).put(rest).flip() : rest;
    }
}
