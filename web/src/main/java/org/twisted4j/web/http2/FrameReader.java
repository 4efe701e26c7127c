package org.twisted4j.web.http2;

import static org.twisted4j.web.http2.FrameType.FLAG_ACK;
import static org.twisted4j.web.http2.FrameType.FLAG_END_HEADERS;
import static org.twisted4j.web.http2.FrameType.FLAG_END_STREAM;
import static org.twisted4j.web.http2.FrameType.FLAG_PADDED;
import static org.twisted4j.web.http2.FrameType.FLAG_PRIORITY;
import static org.twisted4j.web.http2.FrameType.HEADER_LENGTH;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Parses HTTP/2 frames incrementally: bytes go in as they arrive, split anywhere, and {@link #next} hands out
 * each frame once all of it is there. A frame's payload is never longer than the maximum frame size, so at most
 * one frame is buffered.
 *
 * <p>The checks of RFC 9113 §4 and §6 that need only the frame itself are done here: the maximum frame size,
 * the fixed lengths of PRIORITY, RST_STREAM, SETTINGS, PING and WINDOW_UPDATE, the streams each type may or may
 * not use, padding that does not fit, a zero window increment, and SETTINGS values out of range.
 */
final class FrameReader {
    private final byte[] header = new byte[HEADER_LENGTH];
    private int headerFilled;
    private byte @Nullable [] payload;
    private int payloadFilled;
    private int maxFrameSize;

    FrameReader(int maxFrameSize) {
        this.maxFrameSize = maxFrameSize;
    }

    /** Sets the largest payload accepted (our SETTINGS_MAX_FRAME_SIZE). */
    void setMaxFrameSize(int maxFrameSize) {
        this.maxFrameSize = maxFrameSize;
    }

    /**
     * Takes what it needs of {@code in} and returns the next complete frame, or null once {@code in} is used up
     * without completing one.
     *
     * @throws Http2Exception for a frame the protocol forbids; a stream error leaves the reader ready for the
     *     next frame, after a connection error the reader must not be used again
     */
    @Nullable Frame next(ByteBuffer in) {
        if (headerFilled < HEADER_LENGTH) {
            int take = Math.min(HEADER_LENGTH - headerFilled, in.remaining());
            in.get(header, headerFilled, take);
            headerFilled += take;
            if (headerFilled < HEADER_LENGTH) {
                return null;
            }
            int length = length();
            if (length > maxFrameSize) {
                throw Http2Exception.connection(ErrorCode.FRAME_SIZE_ERROR,
                        "frame of " + length + " octets is larger than the maximum of " + maxFrameSize);
            }
            payload = new byte[length];
            payloadFilled = 0;
        }
        byte[] body = payload;
        if (body == null) {
            throw new IllegalStateException("frame header read without a payload buffer");
        }
        int take = Math.min(body.length - payloadFilled, in.remaining());
        in.get(body, payloadFilled, take);
        payloadFilled += take;
        if (payloadFilled < body.length) {
            return null;
        }
        headerFilled = 0;
        payload = null;
        return parse(header[3] & 0xff, header[4] & 0xff, streamId(), body);
    }

    private int length() {
        return ((header[0] & 0xff) << 16) | ((header[1] & 0xff) << 8) | (header[2] & 0xff);
    }

    private int streamId() {
        return readInt(header, 5) & 0x7fffffff;
    }

    static int readInt(byte[] bytes, int at) {
        return ((bytes[at] & 0xff) << 24) | ((bytes[at + 1] & 0xff) << 16) | ((bytes[at + 2] & 0xff) << 8)
                | (bytes[at + 3] & 0xff);
    }

    private static Frame parse(int typeCode, int flags, int stream, byte[] p) {
        FrameType type = FrameType.of(typeCode);
        if (type == null) {
            return new Frame.Unknown(typeCode, stream, flags, p.length);
        }
        return switch (type) {
            case DATA -> {
                requireStream(type, stream);
                int padEnd = unpaddedEnd(flags, p, 0);
                int start = (flags & FLAG_PADDED) != 0 ? 1 : 0;
                yield new Frame.Data(stream, Arrays.copyOfRange(p, start, padEnd), (flags & FLAG_END_STREAM) != 0,
                        p.length);
            }
            case HEADERS -> headers(flags, stream, p);
            case PRIORITY -> {
                requireStream(type, stream);
                if (p.length != 5) {
                    throw Http2Exception.stream(stream, ErrorCode.FRAME_SIZE_ERROR, "PRIORITY frame not 5 octets");
                }
                yield new Frame.Priority(stream, priority(p, 0));
            }
            case RST_STREAM -> {
                requireStream(type, stream);
                requireLength(type, p, 4);
                yield new Frame.RstStream(stream, readInt(p, 0) & 0xffffffffL);
            }
            case SETTINGS -> settings(flags, stream, p);
            case PUSH_PROMISE -> {
                requireStream(type, stream);
                int start = (flags & FLAG_PADDED) != 0 ? 1 : 0;
                int end = unpaddedEnd(flags, p, 4);
                yield new Frame.PushPromise(stream, readInt(p, start) & 0x7fffffff,
                        Arrays.copyOfRange(p, start + 4, end), (flags & FLAG_END_HEADERS) != 0);
            }
            case PING -> {
                requireConnection(type, stream);
                requireLength(type, p, 8);
                yield new Frame.Ping((flags & FLAG_ACK) != 0, ((long) readInt(p, 0) << 32) | (readInt(p, 4) & 0xffffffffL));
            }
            case GOAWAY -> {
                requireConnection(type, stream);
                if (p.length < 8) {
                    throw Http2Exception.connection(ErrorCode.FRAME_SIZE_ERROR, "GOAWAY frame shorter than 8 octets");
                }
                yield new Frame.GoAway(readInt(p, 0) & 0x7fffffff, readInt(p, 4) & 0xffffffffL,
                        Arrays.copyOfRange(p, 8, p.length));
            }
            case WINDOW_UPDATE -> {
                requireLength(type, p, 4);
                int increment = readInt(p, 0) & 0x7fffffff;
                if (increment == 0) {
                    String message = "WINDOW_UPDATE with an increment of 0";
                    throw stream == 0 ? Http2Exception.connection(ErrorCode.PROTOCOL_ERROR, message)
                            : Http2Exception.stream(stream, ErrorCode.PROTOCOL_ERROR, message);
                }
                yield new Frame.WindowUpdate(stream, increment);
            }
            case CONTINUATION -> {
                requireStream(type, stream);
                yield new Frame.Continuation(stream, p, (flags & FLAG_END_HEADERS) != 0);
            }
        };
    }

    private static Frame headers(int flags, int stream, byte[] p) {
        requireStream(FrameType.HEADERS, stream);
        int start = (flags & FLAG_PADDED) != 0 ? 1 : 0;
        Frame.PriorityFields priority = null;
        int fixed = 0;
        if ((flags & FLAG_PRIORITY) != 0) {
            fixed = 5;
            if (p.length < start + fixed) {
                throw Http2Exception.connection(ErrorCode.FRAME_SIZE_ERROR, "HEADERS too short for its priority");
            }
            priority = priority(p, start);
        }
        int end = unpaddedEnd(flags, p, fixed);
        return new Frame.Headers(stream, Arrays.copyOfRange(p, start + fixed, end), (flags & FLAG_END_STREAM) != 0,
                (flags & FLAG_END_HEADERS) != 0, priority);
    }

    private static Frame.PriorityFields priority(byte[] p, int at) {
        int word = readInt(p, at);
        return new Frame.PriorityFields(word & 0x7fffffff, word < 0, (p[at + 4] & 0xff) + 1);
    }

    /** Returns where the content ends before the padding, checking that the padding fits (§6.1). */
    private static int unpaddedEnd(int flags, byte[] p, int fixed) {
        if ((flags & FLAG_PADDED) == 0) {
            if (p.length < fixed) {
                throw Http2Exception.connection(ErrorCode.FRAME_SIZE_ERROR, "frame too short");
            }
            return p.length;
        }
        if (p.length < 1) {
            throw Http2Exception.connection(ErrorCode.FRAME_SIZE_ERROR, "padded frame without a pad length");
        }
        int padding = p[0] & 0xff;
        if (1 + fixed + padding > p.length) {
            throw Http2Exception.connection(ErrorCode.PROTOCOL_ERROR, "padding longer than the frame");
        }
        return p.length - padding;
    }

    private static Frame settings(int flags, int stream, byte[] p) {
        requireConnection(FrameType.SETTINGS, stream);
        boolean ack = (flags & FLAG_ACK) != 0;
        if (ack && p.length != 0) {
            throw Http2Exception.connection(ErrorCode.FRAME_SIZE_ERROR, "SETTINGS ACK with a payload");
        }
        if (p.length % 6 != 0) {
            throw Http2Exception.connection(ErrorCode.FRAME_SIZE_ERROR, "SETTINGS length not a multiple of 6");
        }
        List<Frame.Setting> settings = new ArrayList<>(p.length / 6);
        for (int at = 0; at < p.length; at += 6) {
            int id = ((p[at] & 0xff) << 8) | (p[at + 1] & 0xff);
            long value = readInt(p, at + 2) & 0xffffffffL;
            Http2Settings.check(id, value);
            settings.add(new Frame.Setting(id, value));
        }
        return new Frame.Settings(ack, List.copyOf(settings));
    }

    private static void requireStream(FrameType type, int stream) {
        if (stream == 0) {
            throw Http2Exception.connection(ErrorCode.PROTOCOL_ERROR, type + " frame on stream 0");
        }
    }

    private static void requireConnection(FrameType type, int stream) {
        if (stream != 0) {
            throw Http2Exception.connection(ErrorCode.PROTOCOL_ERROR, type + " frame on stream " + stream);
        }
    }

    private static void requireLength(FrameType type, byte[] p, int length) {
        if (p.length != length) {
            throw Http2Exception.connection(ErrorCode.FRAME_SIZE_ERROR,
                    type + " frame of " + p.length + " octets instead of " + length);
        }
    }
}
