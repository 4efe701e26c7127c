package org.twisted4j.web.websocket;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.IntSupplier;
import org.jspecify.annotations.Nullable;
import org.twisted4j.internet.Transport;

/**
 * Writes frames to a transport: compressing data frames when permessage-deflate was agreed, and masking every
 * frame with a fresh key when this end is a client.
 */
final class FrameSender {
    private final Transport transport;
    private final @Nullable IntSupplier maskKeys;
    private final @Nullable MessageDeflater deflater;

    /**
     * Makes a sender.
     *
     * @param maskKeys the source of masking keys on a client; null on a server, whose frames are not masked
     * @param deflater the compressor, if permessage-deflate was agreed
     */
    FrameSender(Transport transport, @Nullable IntSupplier maskKeys, @Nullable MessageDeflater deflater) {
        this.transport = transport;
        this.maskKeys = maskKeys;
        this.deflater = deflater;
    }

    /**
     * Sends one frame of a message.
     *
     * @param opcode {@link Frames#TEXT} or {@link Frames#BINARY}: the message's type
     * @param first whether this frame starts the message (else it is a continuation frame)
     * @param fin whether it ends the message
     * @param payload the frame's part of the message, uncompressed
     */
    void data(int opcode, boolean first, boolean fin, ByteBuffer payload) {
        MessageDeflater compressor = deflater;
        ByteBuffer body = compressor != null ? compressor.compress(payload, fin) : payload;
        int flags = (fin ? Frames.FIN : 0) | (compressor != null && first ? Frames.RSV1 : 0)
                | (first ? opcode : Frames.CONTINUATION);
        write(flags, body);
    }

    /** Sends a control frame; the payload is at most 125 bytes. */
    void control(int opcode, ByteBuffer payload) {
        write(Frames.FIN | opcode, payload);
    }

    private void write(int first, ByteBuffer body) {
        IntSupplier keys = maskKeys;
        int length = body.remaining();
        if (keys == null) {
            ByteBuffer header = Frames.header(first, length, false, 0);
            if (length == 0) {
                transport.write(header);
            } else {
                transport.writeSequence(List.of(header, body));
            }
            return;
        }
        int key = keys.getAsInt();
        ByteBuffer header = Frames.header(first, length, true, key);
        int headerLength = header.remaining();
        byte[] frame = new byte[headerLength + length];
        header.get(frame, 0, headerLength);
        body.duplicate().get(frame, headerLength, length);
        Frames.mask(frame, headerLength, length, key, 0);
        transport.write(frame);
    }

    /** Frees the compressor's native memory. */
    void release() {
        if (deflater != null) {
            deflater.release();
        }
    }
}
