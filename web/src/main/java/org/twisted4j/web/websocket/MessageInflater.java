package org.twisted4j.web.websocket;

import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The receiving half of permessage-deflate (RFC 7692 section 7.2.2): inflates the payloads of a compressed
 * message as they arrive, appending the {@code 00 00 ff ff} the sender removed at the end of the message. The
 * output goes into a {@link MessageBuffer}, so a small payload that inflates to a huge message (a zip bomb)
 * is stopped at the message size limit, not after.
 */
final class MessageInflater {
    private static final byte[] TAIL = {0, 0, (byte) 0xff, (byte) 0xff};

    private final Inflater inflater = new Inflater(true);
    private final boolean resetEachMessage;
    private final byte[] chunk = new byte[16 * 1024];

    /**
     * Makes an inflater. It reads any window size up to 15 bits, so it can follow whatever
     * {@code server_max_window_bits} or {@code client_max_window_bits} the peer's compressor uses.
     *
     * @param resetEachMessage whether the peer agreed to no context takeover (the inflater starts afresh)
     */
    MessageInflater(boolean resetEachMessage) {
        this.resetEachMessage = resetEachMessage;
    }

    /**
     * Inflates one frame's payload of a compressed message into {@code out}.
     *
     * @param last whether this is the message's final frame
     * @throws ProtocolViolation 1009 if the message grows past the limit, 1007 if the data is not deflate
     */
    void inflate(ByteBuffer payload, boolean last, MessageBuffer out) throws ProtocolViolation {
        run(payload, out);
        if (last) {
            run(ByteBuffer.wrap(TAIL), out);
            if (resetEachMessage || inflater.finished()) {
                inflater.reset();
            }
        }
    }

    private void run(ByteBuffer input, MessageBuffer out) throws ProtocolViolation {
        if (inflater.finished()) {
            return;                           // a final block was seen: what follows is padding
        }
        inflater.setInput(input);
        try {
            while (true) {
                int n = inflater.inflate(chunk);
                if (n > 0) {
                    out.append(chunk, 0, n);
                } else if (inflater.needsInput() || inflater.finished()) {
                    return;
                } else if (inflater.needsDictionary()) {
                    throw new ProtocolViolation(CloseCodes.INVALID_PAYLOAD, "deflate data asks for a dictionary");
                }
            }
        } catch (DataFormatException e) {
            throw new ProtocolViolation(CloseCodes.INVALID_PAYLOAD, "bad deflate data: " + e.getMessage());
        }
    }

    /** Frees the native memory; the inflater cannot be used afterwards. */
    void release() {
        inflater.end();
    }
}
