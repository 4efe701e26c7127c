package org.twisted4j.web.websocket;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Cuts the bytes of a WebSocket connection into frames, whatever pieces they arrive in, and checks each
 * frame's header: reserved bits, opcode, control frame rules, masking and the frame size limit. It knows
 * nothing of messages; its {@link Sink} joins fragments. A frame's payload buffer grows as its octets arrive, so
 * what a length claims (up to the limit) is not held before the peer has sent it.
 */
final class FrameParser {

    /** Receives each frame in order. */
    interface Sink {
        /**
         * Takes one frame.
         *
         * @param opcode the opcode, one of the {@link Frames} constants
         * @param fin whether this is the last frame of its message
         * @param rsv1 whether the first reserved bit is set (the compression bit of permessage-deflate)
         * @param payload the unmasked payload; the sink owns it
         * @throws ProtocolViolation if the frame breaks the protocol at the message level
         */
        void frame(int opcode, boolean fin, boolean rsv1, ByteBuffer payload) throws ProtocolViolation;
    }

    private static final int MAX_HEADER = 14;

    /** The payload buffer a frame starts with, at most; it doubles as the payload arrives, up to the frame's length. */
    static final int FIRST_PAYLOAD_BUFFER = 8 * 1024;

    private final boolean expectMasked;
    private final long maxFrameSize;
    private final Sink sink;
    private boolean rsv1Allowed;
    private boolean stopped;

    private final byte[] header = new byte[MAX_HEADER];
    private int headerFill;
    private int headerNeeded = 2;
    private byte @Nullable [] payload;
    private int payloadFill;
    private int payloadLength;

    /**
     * Makes a parser.
     *
     * @param expectMasked true on a server (a client's frames must be masked), false on a client (a server's
     *     frames must not be)
     * @param maxFrameSize the largest payload accepted
     * @param sink receives the frames
     */
    FrameParser(boolean expectMasked, long maxFrameSize, Sink sink) {
        this.expectMasked = expectMasked;
        this.maxFrameSize = Math.min(maxFrameSize, WebSocketOptions.MESSAGE_SIZE_CEILING);
        this.sink = sink;
    }

    /** Lets data frames set the first reserved bit, once an extension that uses it has been agreed. */
    void allowRsv1() {
        rsv1Allowed = true;
    }

    /** Stops parsing: bytes fed from now on, or left in the current feed, are ignored. */
    void stop() {
        stopped = true;
    }

    /**
     * Parses the bytes between {@code data}'s position and limit, handing each complete frame to the sink.
     *
     * @throws ProtocolViolation if a frame breaks the protocol; parsing should not go on after it
     */
    void feed(ByteBuffer data) throws ProtocolViolation {
        while (data.hasRemaining() && !stopped) {
            byte[] pending = payload;
            if (pending == null) {
                readHeader(data);
            } else {
                if (payloadFill == pending.length) {
                    pending = Arrays.copyOf(pending, (int) Math.min(payloadLength, 2L * pending.length));
                    payload = pending;
                }
                int n = Math.min(data.remaining(), pending.length - payloadFill);
                data.get(pending, payloadFill, n);
                payloadFill += n;
                if (payloadFill == payloadLength) {
                    deliver(pending);
                }
            }
        }
    }

    private void readHeader(ByteBuffer data) throws ProtocolViolation {
        while (headerFill < headerNeeded && data.hasRemaining()) {
            header[headerFill++] = data.get();
            if (headerFill == 2) {
                headerNeeded = checkFirstTwo();
            }
        }
        if (headerFill < headerNeeded) {
            return;
        }
        long length = payloadLength();
        if (length > maxFrameSize) {
            throw new ProtocolViolation(CloseCodes.MESSAGE_TOO_BIG,
                    "frame of " + length + " bytes is over the limit of " + maxFrameSize);
        }
        payloadLength = (int) length;
        byte[] body = new byte[Math.min(payloadLength, FIRST_PAYLOAD_BUFFER)];
        payload = body;
        payloadFill = 0;
        if (length == 0) {
            deliver(body);
        }
    }

    /** Returns the size of the buffer held for the payload being read, which grows with what arrives. */
    int payloadCapacity() {
        byte[] pending = payload;
        return pending == null ? 0 : pending.length;
    }

    /** Checks the fixed part of the header and returns the whole header's length. */
    private int checkFirstTwo() throws ProtocolViolation {
        int first = header[0] & 0xff;
        int second = header[1] & 0xff;
        int opcode = first & 0x0f;
        if ((first & (Frames.RSV2 | Frames.RSV3)) != 0
                || ((first & Frames.RSV1) != 0 && (!rsv1Allowed || Frames.isControl(opcode)))) {
            throw new ProtocolViolation(CloseCodes.PROTOCOL_ERROR, "reserved bits set without an extension");
        }
        if (!Frames.isKnown(opcode)) {
            throw new ProtocolViolation(CloseCodes.PROTOCOL_ERROR, "unknown opcode " + opcode);
        }
        int shortLength = second & 0x7f;
        if (Frames.isControl(opcode)) {
            if ((first & Frames.FIN) == 0) {
                throw new ProtocolViolation(CloseCodes.PROTOCOL_ERROR, "fragmented control frame");
            }
            if (shortLength > Frames.MAX_CONTROL_PAYLOAD) {
                throw new ProtocolViolation(CloseCodes.PROTOCOL_ERROR, "control frame longer than 125 bytes");
            }
        }
        boolean masked = (second & Frames.MASKED) != 0;
        if (masked != expectMasked) {
            throw new ProtocolViolation(CloseCodes.PROTOCOL_ERROR,
                    expectMasked ? "unmasked frame from a client" : "masked frame from a server");
        }
        int extended = switch (shortLength) {
            case 126 -> 2;
            case 127 -> 8;
            default -> 0;
        };
        return 2 + extended + (masked ? 4 : 0);
    }

    private long payloadLength() throws ProtocolViolation {
        int shortLength = header[1] & 0x7f;
        if (shortLength < 126) {
            return shortLength;
        }
        ByteBuffer view = ByteBuffer.wrap(header, 2, 8);
        if (shortLength == 126) {
            return view.getShort() & 0xffff;
        }
        long length = view.getLong();
        if (length < 0) {
            throw new ProtocolViolation(CloseCodes.PROTOCOL_ERROR, "payload length with its top bit set");
        }
        return length;
    }

    private void deliver(byte[] body) throws ProtocolViolation {
        int first = header[0] & 0xff;
        if (expectMasked) {
            int keyAt = headerNeeded - 4;
            int key = ByteBuffer.wrap(header, keyAt, 4).getInt();
            Frames.mask(body, 0, body.length, key, 0);
        }
        payload = null;
        headerFill = 0;
        headerNeeded = 2;
        sink.frame(first & 0x0f, (first & Frames.FIN) != 0, (first & Frames.RSV1) != 0, ByteBuffer.wrap(body));
    }
}
