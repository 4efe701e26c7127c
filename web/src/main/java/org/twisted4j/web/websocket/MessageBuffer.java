package org.twisted4j.web.websocket;

import java.nio.ByteBuffer;
import java.util.Arrays;

/** The bytes of one incoming message as its frames arrive, refusing to grow past the message size limit. */
final class MessageBuffer {
    private static final int INITIAL = 256;

    private final int limit;
    private byte[] data = new byte[INITIAL];
    private int size;

    MessageBuffer(int limit) {
        this.limit = limit;
    }

    int size() {
        return size;
    }

    byte[] array() {
        return data;
    }

    /**
     * Appends bytes.
     *
     * @throws ProtocolViolation with {@link CloseCodes#MESSAGE_TOO_BIG} if the message would pass the limit
     */
    void append(byte[] bytes, int offset, int length) throws ProtocolViolation {
        if (length > limit - size) {
            throw new ProtocolViolation(CloseCodes.MESSAGE_TOO_BIG,
                    "message over the limit of " + limit + " bytes");
        }
        if (size + length > data.length) {
            int grown = (int) Math.min(limit, Math.max((long) data.length * 2, (long) size + length));
            data = Arrays.copyOf(data, grown);
        }
        System.arraycopy(bytes, offset, data, size, length);
        size += length;
    }

    /** Appends the bytes between {@code bytes}' position and limit, which must be backed by an array. */
    void append(ByteBuffer bytes) throws ProtocolViolation {
        append(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
    }

    /** Returns the message collected and starts an empty one. */
    ByteBuffer take() {
        ByteBuffer message = ByteBuffer.wrap(data, 0, size);
        data = new byte[INITIAL];
        size = 0;
        return message;
    }
}
