package org.twisted4j.ftp;

import java.nio.ByteBuffer;
import org.twisted4j.internet.Consumer;
import org.twisted4j.internet.Producer;

/**
 * TYPE A conversion (RFC 959 §3.1.1.1): the server's files end lines with LF, the wire with CRLF. Sending adds
 * a CR before every LF; receiving drops the CR of every CRLF, even split across reads.
 */
final class Ascii {

    private Ascii() {
    }

    /** A consumer that writes to {@code next} with every LF turned into CRLF. */
    static Consumer encoder(Consumer next) {
        return new Consumer() {
            @Override
            public void registerProducer(Producer producer, boolean streaming) {
                next.registerProducer(producer, streaming);
            }

            @Override
            public void unregisterProducer() {
                next.unregisterProducer();
            }

            @Override
            public void write(ByteBuffer data) {
                next.write(toWire(data));
            }
        };
    }

    /** Returns {@code data} with every LF preceded by CR. */
    static ByteBuffer toWire(ByteBuffer data) {
        int lf = 0;
        for (int i = data.position(); i < data.limit(); i++) {
            if (data.get(i) == '\n') {
                lf++;
            }
        }
        if (lf == 0) {
            return data;
        }
        ByteBuffer out = ByteBuffer.allocate(data.remaining() + lf);
        while (data.hasRemaining()) {
            byte b = data.get();
            if (b == '\n') {
                out.put((byte) '\r');
            }
            out.put(b);
        }
        return out.flip();
    }

    /** Drops the CR of each CRLF from what arrives, one read after another. */
    static final class Decoder {
        private boolean pendingCr;

        /** Converts the next read. */
        ByteBuffer decode(ByteBuffer data) {
            ByteBuffer out = ByteBuffer.allocate(data.remaining() + 1);
            while (data.hasRemaining()) {
                byte b = data.get();
                if (pendingCr) {
                    pendingCr = false;
                    if (b != '\n') {
                        out.put((byte) '\r');
                    }
                }
                if (b == '\r') {
                    pendingCr = true;
                } else {
                    out.put(b);
                }
            }
            return out.flip();
        }

        /** What is left at the end of the upload: a lone final CR. */
        ByteBuffer finish() {
            ByteBuffer out = ByteBuffer.wrap(pendingCr ? new byte[] {'\r'} : new byte[0]);
            pendingCr = false;
            return out;
        }
    }
}
