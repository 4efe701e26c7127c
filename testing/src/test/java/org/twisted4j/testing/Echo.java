package org.twisted4j.testing;

import java.nio.ByteBuffer;
import org.twisted4j.internet.Protocol;

/** Writes back whatever it receives, copying it first as a protocol must. */
final class Echo extends Protocol {
    @Override
    public void dataReceived(ByteBuffer data) {
        byte[] copy = new byte[data.remaining()];
        data.get(copy);
        transport().write(copy);
    }
}
