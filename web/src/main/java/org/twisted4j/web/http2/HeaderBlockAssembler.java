package org.twisted4j.web.http2;

import java.util.Arrays;

/**
 * Gathers one header block from a HEADERS frame and its CONTINUATION frames (RFC 9113 §4.3, §6.10), refusing
 * to gather more frames or octets than {@link AbuseLimits} allow.
 */
final class HeaderBlockAssembler {
    private final AbuseLimits limits;
    private byte[] block = new byte[0];
    private int length;
    private int streamId;
    private boolean endStream;
    private boolean selfDependent;
    private int continuations;
    private boolean gathering;

    HeaderBlockAssembler(AbuseLimits limits) {
        this.limits = limits;
    }

    /** Returns whether a HEADERS frame came without END_HEADERS, so only its CONTINUATION may follow. */
    boolean expectingContinuation() {
        return gathering;
    }

    int streamId() {
        return streamId;
    }

    boolean endStream() {
        return endStream;
    }

    /** Returns whether the HEADERS frame made its stream depend on itself (a stream error, §5.3.1). */
    boolean selfDependent() {
        return selfDependent;
    }

    /**
     * Starts a block with a HEADERS frame; returns whether the block is complete already.
     *
     * @throws Http2Exception ENHANCE_YOUR_CALM past a limit
     */
    boolean start(Frame.Headers headers, AbuseGuard guard) {
        if (headers.fragment().length == 0 && !headers.endHeaders()) {
            guard.emptyFrame(FrameType.HEADERS);
        }
        streamId = headers.streamId();
        endStream = headers.endStream();
        Frame.PriorityFields priority = headers.priority();
        selfDependent = priority != null && priority.dependency() == streamId;
        continuations = 0;
        length = 0;
        gathering = true;
        append(headers.fragment());
        return headers.endHeaders();
    }

    /**
     * Adds a CONTINUATION frame's fragment; returns whether the block is complete.
     *
     * @throws Http2Exception PROTOCOL_ERROR without a block started, ENHANCE_YOUR_CALM past a limit
     */
    boolean continuation(Frame.Continuation continuation, AbuseGuard guard) {
        if (!gathering) {
            throw Http2Exception.connection(ErrorCode.PROTOCOL_ERROR, "CONTINUATION without a header block");
        }
        if (continuation.fragment().length == 0 && !continuation.endHeaders()) {
            guard.emptyFrame(FrameType.CONTINUATION);
        }
        if (++continuations > limits.maxContinuationFrames()) {
            throw Http2Exception.connection(ErrorCode.ENHANCE_YOUR_CALM,
                    "header block of more than " + limits.maxContinuationFrames() + " CONTINUATION frames");
        }
        append(continuation.fragment());
        return continuation.endHeaders();
    }

    /** Ends the block and returns it. */
    byte[] finish() {
        gathering = false;
        byte[] done = Arrays.copyOf(block, length);
        if (block.length > 4096) {
            block = new byte[0];
        }
        length = 0;
        return done;
    }

    private void append(byte[] fragment) {
        if (length + fragment.length > limits.maxHeaderBlockBytes()) {
            throw Http2Exception.connection(ErrorCode.ENHANCE_YOUR_CALM,
                    "header block larger than " + limits.maxHeaderBlockBytes() + " octets");
        }
        if (length + fragment.length > block.length) {
            block = Arrays.copyOf(block, Math.max(length + fragment.length, block.length * 2));
        }
        System.arraycopy(fragment, 0, block, length, fragment.length);
        length += fragment.length;
    }
}
