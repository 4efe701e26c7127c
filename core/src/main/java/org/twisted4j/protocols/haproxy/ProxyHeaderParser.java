package org.twisted4j.protocols.haproxy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Reads the PROXY protocol header at the start of a connection, version 1 (a text line) or version 2
 * (binary), as HAProxy's specification describes it, from bytes as they arrive: a header split at any byte
 * reads the same.
 *
 * <pre>{@code
 * ProxyHeaderParser parser = new ProxyHeaderParser();
 * ProxyHeader header = parser.parse(data);     // null until the header is complete
 * if (header != null) {
 *     // data's remaining bytes are the connection's own, after the header
 * }
 * }</pre>
 *
 * <p>The version is told by the first byte: {@code P} starts version 1's {@code "PROXY "}, CR starts version
 * 2's twelve-byte signature; anything else, or any byte that departs from those, is refused at once, without
 * waiting for more. A version 1 line longer than 107 bytes, or a version 2 header that announces more than
 * {@link #maxLength()}, is refused as soon as that is known; what is held never exceeds the limit.
 *
 * <h2>Errors</h2>
 * {@link InvalidProxyHeader}, its message naming what is wrong. After a header or an error the parser is
 * done.
 *
 * <h2>Threading</h2>
 * One connection's; reactor thread only.
 */
public final class ProxyHeaderParser {

    /** The longest version 1 line, {@code CRLF} included, the specification allows. */
    public static final int V1_MAX_LENGTH = 107;
    /** The longest version 2 header: its 16 fixed bytes and a length of 65535. */
    public static final int V2_MAX_LENGTH = ProxyHeaderEncoder.V2_FIXED_LENGTH + 0xFFFF;
    /** The default {@link #maxLength()}: 16 KiB, HAProxy's own default buffer size. */
    public static final int DEFAULT_MAX_LENGTH = 16 * 1024;

    private static final byte[] V1_PREFIX = {'P', 'R', 'O', 'X', 'Y', ' '};

    private int maxLength = DEFAULT_MAX_LENGTH;
    private byte[] buffer = new byte[ProxyHeaderEncoder.V2_FIXED_LENGTH];
    private int held;
    /** The whole header's length once known: found the CRLF, or read the v2 length; else -1. */
    private int expected = -1;
    private boolean done;

    /** Makes a parser with the {@linkplain #DEFAULT_MAX_LENGTH default} limit. */
    public ProxyHeaderParser() {
    }

    /** Returns the longest header, in bytes, this parser accepts. */
    public int maxLength() {
        return maxLength;
    }

    /**
     * Sets the longest header, in bytes, this parser accepts; a version 1 line is never longer than 107.
     *
     * @param maxLength from 107 to {@link #V2_MAX_LENGTH}
     * @return this parser
     * @throws IllegalArgumentException if {@code maxLength} is out of that range
     * @throws IllegalStateException if parsing has started
     */
    public ProxyHeaderParser setMaxLength(int maxLength) {
        if (maxLength < V1_MAX_LENGTH || maxLength > V2_MAX_LENGTH) {
            throw new IllegalArgumentException("maximum header length " + maxLength + " is outside " + V1_MAX_LENGTH
                    + "-" + V2_MAX_LENGTH);
        }
        if (held > 0 || done) {
            throw new IllegalStateException("the parser has started");
        }
        this.maxLength = maxLength;
        return this;
    }

    /** Returns how many bytes of an incomplete header are held. */
    public int held() {
        return held;
    }

    /**
     * Reads what has arrived. Consumes only the header's bytes: once the header is complete, the bytes after
     * it are left in {@code data}, from its position.
     *
     * @param data bytes of the connection, in order
     * @return the header once complete, or null if more bytes are needed
     * @throws InvalidProxyHeader if the bytes cannot be a header this parser accepts
     * @throws IllegalStateException if the parser has already returned a header or thrown
     */
    public @Nullable ProxyHeader parse(ByteBuffer data) throws InvalidProxyHeader {
        if (done) {
            throw new IllegalStateException("the header has been read or refused");
        }
        try {
            return parseMore(data);
        } catch (InvalidProxyHeader e) {
            done = true;
            buffer = new byte[0];
            held = 0;
            throw e;
        }
    }

    private @Nullable ProxyHeader parseMore(ByteBuffer data) throws InvalidProxyHeader {
        while (data.hasRemaining()) {
            if (expected < 0) {
                take(data.get());
            } else {
                int n = Math.min(data.remaining(), expected - held);
                data.get(buffer, held, n);
                held += n;
            }
            if (held == expected) {
                done = true;
                byte[] header = held == buffer.length ? buffer : Arrays.copyOf(buffer, held);
                buffer = new byte[0];
                held = 0;
                return header[0] == 'P' ? ProxyHeaderDecoder.v1(header) : ProxyHeaderDecoder.v2(header);
            }
        }
        return null;
    }

    /** Takes one byte while the header's length is not yet known, checking it against the signatures. */
    private void take(byte b) throws InvalidProxyHeader {
        int at = held;
        if (at == buffer.length) {
            buffer = Arrays.copyOf(buffer, V1_MAX_LENGTH);
        }
        buffer[held++] = b;
        boolean v1 = buffer[0] == 'P';
        if (v1) {
            takeV1(at, b);
        } else {
            takeV2(at, b);
        }
    }

    private void takeV1(int at, byte b) throws InvalidProxyHeader {
        if (at < V1_PREFIX.length) {
            if (b != V1_PREFIX[at]) {
                throw new InvalidProxyHeader("not a PROXY header: byte " + at + " is 0x" + hex(b) + " where v1's"
                        + " 'PROXY ' has '" + (char) V1_PREFIX[at] + "'");
            }
        } else if (b == '\n') {
            if (buffer[at - 1] != '\r') {
                throw new InvalidProxyHeader("v1 line ends with a bare LF, not CRLF");
            }
            expected = held;
        } else if (buffer[at - 1] == '\r') {
            throw new InvalidProxyHeader("v1 line has a CR not followed by LF");
        } else if (held == V1_MAX_LENGTH) {
            throw new InvalidProxyHeader("v1 line longer than " + V1_MAX_LENGTH + " bytes");
        }
    }

    private void takeV2(int at, byte b) throws InvalidProxyHeader {
        byte[] signature = ProxyHeaderEncoder.V2_SIGNATURE;
        if (at < signature.length) {
            if (b != signature[at]) {
                throw new InvalidProxyHeader("not a PROXY header: byte " + at + " is 0x" + hex(b)
                        + (at == 0 ? ", neither v1's 'P' nor v2's CR" : " where v2's signature has 0x"
                        + hex(signature[at])));
            }
        } else if (at == 12 && (b & 0xF0) != 0x20) {
            throw new InvalidProxyHeader("v2 version " + ((b & 0xF0) >>> 4) + " is not 2");
        } else if (at == ProxyHeaderEncoder.V2_FIXED_LENGTH - 1) {
            int total = ProxyHeaderEncoder.V2_FIXED_LENGTH + ((buffer[14] & 0xFF) << 8 | b & 0xFF);
            if (total > maxLength) {
                throw new InvalidProxyHeader("v2 header of " + total + " bytes is over the limit of " + maxLength);
            }
            buffer = Arrays.copyOf(buffer, total);
            expected = total;
        }
    }

    private static String hex(byte b) {
        return String.format("%02x", b & 0xFF);
    }
}
