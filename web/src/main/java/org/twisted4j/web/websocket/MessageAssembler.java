package org.twisted4j.web.websocket;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * Joins data frames into messages (RFC 6455 section 5.4): continuation rules, decompression of messages
 * marked compressed, the message size limit, and UTF-8 checking of text as each frame arrives.
 */
final class MessageAssembler {

    /** Receives each whole message. */
    interface Messages {
        void text(String text);

        void binary(ByteBuffer data);
    }

    private final int maxMessageSize;
    private final @Nullable MessageInflater inflater;
    private final MessageBuffer buffer;
    private final Utf8Validator utf8 = new Utf8Validator();

    private boolean inMessage;
    private boolean text;
    private boolean compressed;

    /**
     * Makes an assembler.
     *
     * @param maxMessageSize the largest message accepted, after decompression
     * @param inflater the decompressor, if permessage-deflate was agreed
     */
    MessageAssembler(int maxMessageSize, @Nullable MessageInflater inflater) {
        this.maxMessageSize = maxMessageSize;
        this.inflater = inflater;
        this.buffer = new MessageBuffer(maxMessageSize);
    }

    /**
     * Takes one data frame (opcode text, binary or continuation).
     *
     * @throws ProtocolViolation 1002 for a broken fragment sequence, 1007 for bad UTF-8 or deflate data, 1009
     *     for a message over the limit
     */
    void frame(int opcode, boolean fin, boolean rsv1, ByteBuffer payload, Messages out) throws ProtocolViolation {
        if (opcode == Frames.CONTINUATION) {
            if (!inMessage) {
                throw new ProtocolViolation(CloseCodes.PROTOCOL_ERROR, "continuation frame outside a message");
            }
            if (rsv1) {
                throw new ProtocolViolation(CloseCodes.PROTOCOL_ERROR, "compression bit on a continuation frame");
            }
        } else {
            if (inMessage) {
                throw new ProtocolViolation(CloseCodes.PROTOCOL_ERROR, "new message before the last one ended");
            }
            if (rsv1 && inflater == null) {
                throw new ProtocolViolation(CloseCodes.PROTOCOL_ERROR, "compression bit without permessage-deflate");
            }
            text = opcode == Frames.TEXT;
            compressed = rsv1;
            utf8.reset();
            if (fin && !compressed) {
                whole(payload, out);
                return;
            }
            inMessage = true;
        }
        int before = buffer.size();
        MessageInflater decompressor = inflater;
        if (compressed && decompressor != null) {
            decompressor.inflate(payload, fin, buffer);
        } else {
            buffer.append(payload);
        }
        if (text && !utf8.feed(buffer.array(), before, buffer.size() - before)) {
            throw new ProtocolViolation(CloseCodes.INVALID_PAYLOAD, "text message is not UTF-8");
        }
        if (fin) {
            inMessage = false;
            deliver(buffer.take(), out);
        }
    }

    /** An uncompressed message in one frame: its payload is the message, with no copy. */
    private void whole(ByteBuffer payload, Messages out) throws ProtocolViolation {
        if (payload.remaining() > maxMessageSize) {
            throw new ProtocolViolation(CloseCodes.MESSAGE_TOO_BIG,
                    "message over the limit of " + maxMessageSize + " bytes");
        }
        if (text && !utf8.feed(payload.array(), payload.arrayOffset() + payload.position(), payload.remaining())) {
            throw new ProtocolViolation(CloseCodes.INVALID_PAYLOAD, "text message is not UTF-8");
        }
        deliver(payload, out);
    }

    private void deliver(ByteBuffer message, Messages out) throws ProtocolViolation {
        if (text) {
            if (!utf8.isComplete()) {
                throw new ProtocolViolation(CloseCodes.INVALID_PAYLOAD, "text message ends inside a character");
            }
            out.text(new String(message.array(), message.arrayOffset() + message.position(), message.remaining(),
                    UTF_8));
        } else {
            out.binary(message);
        }
    }

    /** Frees the decompressor's native memory. */
    void release() {
        if (inflater != null) {
            inflater.release();
        }
    }
}
