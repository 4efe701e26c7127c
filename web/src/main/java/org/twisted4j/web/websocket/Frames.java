package org.twisted4j.web.websocket;

import java.nio.ByteBuffer;

/** The frame format of RFC 6455 section 5.2: opcodes, header encoding and masking. */
final class Frames {
    static final int CONTINUATION = 0x0;
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    static final int FIN = 0x80;
    static final int RSV1 = 0x40;
    static final int RSV2 = 0x20;
    static final int RSV3 = 0x10;
    static final int MASKED = 0x80;

    /** The largest payload of a control frame. */
    static final int MAX_CONTROL_PAYLOAD = 125;

    private Frames() {
    }

    static boolean isControl(int opcode) {
        return (opcode & 0x8) != 0;
    }

    static boolean isKnown(int opcode) {
        return opcode <= BINARY || (opcode >= CLOSE && opcode <= PONG);
    }

    /**
     * Encodes a frame header.
     *
     * @param first the first byte's flags and opcode: {@link #FIN}, {@link #RSV1} and the opcode, or-ed
     * @param length the payload length
     * @param masked whether a masking key follows, given by {@code maskKey}
     */
    static ByteBuffer header(int first, long length, boolean masked, int maskKey) {
        ByteBuffer header = ByteBuffer.allocate(14);
        header.put((byte) first);
        int maskBit = masked ? MASKED : 0;
        if (length <= 125) {
            header.put((byte) (maskBit | length));
        } else if (length <= 0xFFFF) {
            header.put((byte) (maskBit | 126)).putShort((short) length);
        } else {
            header.put((byte) (maskBit | 127)).putLong(length);
        }
        if (masked) {
            header.putInt(maskKey);
        }
        return header.flip();
    }

    /**
     * XORs {@code length} bytes of {@code data} from {@code offset} with the masking key, the key's byte
     * {@code phase} (0-3) lining up with the first byte; masking twice unmasks.
     */
    static void mask(byte[] data, int offset, int length, int maskKey, int phase) {
        byte[] key = {(byte) (maskKey >>> 24), (byte) (maskKey >>> 16), (byte) (maskKey >>> 8), (byte) maskKey};
        for (int i = 0; i < length; i++) {
            data[offset + i] ^= key[(phase + i) & 3];
        }
    }
}
