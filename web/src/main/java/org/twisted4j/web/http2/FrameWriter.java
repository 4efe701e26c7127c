package org.twisted4j.web.http2;

import static org.twisted4j.web.http2.FrameType.FLAG_ACK;
import static org.twisted4j.web.http2.FrameType.FLAG_END_HEADERS;
import static org.twisted4j.web.http2.FrameType.FLAG_END_STREAM;
import static org.twisted4j.web.http2.FrameType.HEADER_LENGTH;

import java.nio.ByteBuffer;
import java.util.List;

/** Builds the bytes of HTTP/2 frames (RFC 9113 §4.1, §6), each frame one heap buffer ready to write. */
final class FrameWriter {
    private static final byte[] NO_PREFIX = new byte[0];

    private FrameWriter() {
    }

    /** Returns a frame with a raw payload; the other methods are built on it. */
    static ByteBuffer frame(int type, int flags, int streamId, byte[] payload, int offset, int length) {
        ByteBuffer out = ByteBuffer.allocate(HEADER_LENGTH + length);
        putHeader(out, length, type, flags, streamId);
        out.put(payload, offset, length);
        return out.flip();
    }

    static ByteBuffer frame(int type, int flags, int streamId, byte[] payload) {
        return frame(type, flags, streamId, payload, 0, payload.length);
    }

    private static void putHeader(ByteBuffer out, int length, int type, int flags, int streamId) {
        out.put((byte) (length >>> 16)).put((byte) (length >>> 8)).put((byte) length);
        out.put((byte) type).put((byte) flags).putInt(streamId & 0x7fffffff);
    }

    /**
     * A DATA frame carrying all of {@code data} (which the caller keeps within the frame size and windows),
     * copied into one buffer. The sending side writes {@link #dataHeader} followed by the payload instead.
     */
    static ByteBuffer data(int streamId, ByteBuffer data, boolean endStream) {
        ByteBuffer out = ByteBuffer.allocate(HEADER_LENGTH + data.remaining());
        putHeader(out, data.remaining(), FrameType.DATA.code(), endStream ? FLAG_END_STREAM : 0, streamId);
        out.put(data);
        return out.flip();
    }

    /**
     * The frame header of a DATA frame whose {@code length} payload octets follow it on the wire as buffers of
     * their own, so that the payload is written as it is rather than copied behind the header.
     */
    static ByteBuffer dataHeader(int streamId, int length, boolean endStream) {
        ByteBuffer out = ByteBuffer.allocate(HEADER_LENGTH);
        putHeader(out, length, FrameType.DATA.code(), endStream ? FLAG_END_STREAM : 0, streamId);
        return out.flip();
    }

    /**
     * A HEADERS frame for {@code block}, followed by CONTINUATION frames when the block is longer than
     * {@code maxFrameSize}; all in one buffer, so nothing can come between them.
     */
    static ByteBuffer headers(int streamId, byte[] block, boolean endStream, int maxFrameSize) {
        return headers(streamId, block, block.length, endStream, maxFrameSize);
    }

    /** As {@link #headers(int, byte[], boolean, int)}, for a block made of the first {@code length} octets. */
    static ByteBuffer headers(int streamId, byte[] block, int length, boolean endStream, int maxFrameSize) {
        return headerBlock(FrameType.HEADERS.code(), endStream ? FLAG_END_STREAM : 0, streamId, NO_PREFIX, block,
                length, maxFrameSize);
    }

    /** A PUSH_PROMISE frame (and CONTINUATIONs) promising {@code promisedStreamId}. */
    static ByteBuffer pushPromise(int streamId, int promisedStreamId, byte[] block, int maxFrameSize) {
        byte[] promised = ByteBuffer.allocate(4).putInt(promisedStreamId).array();
        return headerBlock(FrameType.PUSH_PROMISE.code(), 0, streamId, promised, block, block.length, maxFrameSize);
    }

    private static ByteBuffer headerBlock(int type, int flags, int streamId, byte[] prefix, byte[] block,
            int blockLength, int maxFrameSize) {
        int firstLength = Math.min(blockLength, maxFrameSize - prefix.length);
        int continuations = (blockLength - firstLength + maxFrameSize - 1) / maxFrameSize;
        ByteBuffer out = ByteBuffer.allocate(HEADER_LENGTH * (1 + continuations) + prefix.length + blockLength);
        putHeader(out, prefix.length + firstLength, type, flags | (continuations == 0 ? FLAG_END_HEADERS : 0),
                streamId);
        out.put(prefix).put(block, 0, firstLength);
        int at = firstLength;
        while (at < blockLength) {
            int length = Math.min(maxFrameSize, blockLength - at);
            boolean last = at + length == blockLength;
            putHeader(out, length, FrameType.CONTINUATION.code(), last ? FLAG_END_HEADERS : 0, streamId);
            out.put(block, at, length);
            at += length;
        }
        return out.flip();
    }

    static ByteBuffer rstStream(int streamId, ErrorCode code) {
        return frame(FrameType.RST_STREAM.code(), 0, streamId, ByteBuffer.allocate(4).putInt(code.code()).array());
    }

    static ByteBuffer settings(List<Frame.Setting> settings) {
        ByteBuffer payload = ByteBuffer.allocate(6 * settings.size());
        for (Frame.Setting setting : settings) {
            payload.putShort((short) setting.id()).putInt((int) setting.value());
        }
        return frame(FrameType.SETTINGS.code(), 0, 0, payload.array());
    }

    static ByteBuffer settingsAck() {
        return frame(FrameType.SETTINGS.code(), FLAG_ACK, 0, new byte[0]);
    }

    static ByteBuffer ping(boolean ack, long opaque) {
        return frame(FrameType.PING.code(), ack ? FLAG_ACK : 0, 0, ByteBuffer.allocate(8).putLong(opaque).array());
    }

    static ByteBuffer goAway(int lastStreamId, ErrorCode code, byte[] debugData) {
        ByteBuffer payload = ByteBuffer.allocate(8 + debugData.length);
        payload.putInt(lastStreamId & 0x7fffffff).putInt(code.code()).put(debugData);
        return frame(FrameType.GOAWAY.code(), 0, 0, payload.array());
    }

    static ByteBuffer windowUpdate(int streamId, int increment) {
        return frame(FrameType.WINDOW_UPDATE.code(), 0, streamId, ByteBuffer.allocate(4).putInt(increment).array());
    }

    static ByteBuffer priority(int streamId, int dependency, boolean exclusive, int weight) {
        ByteBuffer payload = ByteBuffer.allocate(5);
        payload.putInt(dependency | (exclusive ? 0x80000000 : 0)).put((byte) (weight - 1));
        return frame(FrameType.PRIORITY.code(), 0, streamId, payload.array());
    }
}
