package org.twisted4j.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.Protocol;

/** A small line-based protocol for the tests: splits on LF, however the bytes arrive. */
abstract class LineProtocol extends Protocol {
    final List<String> lines = new ArrayList<>();
    final List<Failure> losses = new ArrayList<>();
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

    @Override
    public void dataReceived(ByteBuffer data) {
        while (data.hasRemaining()) {
            byte b = data.get();
            if (b == '\n') {
                String line = partial.toString(StandardCharsets.UTF_8);
                partial.reset();
                lines.add(line);
                lineReceived(line);
            } else {
                partial.write(b);
            }
        }
    }

    @Override
    public void connectionLost(Failure reason) {
        losses.add(reason);
    }

    void sendLine(String line) {
        transport().write((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    abstract void lineReceived(String line);
}
