package org.twisted4j.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.Protocol;

/**
 * A protocol that collects what happens to it, as Twisted's {@code AccumulatingProtocol}: whether it was
 * connected, every byte it received, and why it was disconnected.
 *
 * <pre>{@code
 * AccumulatingProtocol client = new AccumulatingProtocol();
 * IOPump pump = IOPump.connectedLoopback(new Greeter(), client);
 * assertThat(client.dataAsString()).isEqualTo("hello\r\n");
 * }</pre>
 *
 * <h2>Threading</h2>
 * Single-threaded, like any protocol.
 */
public final class AccumulatingProtocol extends Protocol {

    private final ByteArrayOutputStream data = new ByteArrayOutputStream();
    private boolean made;
    private @Nullable Failure closedReason;

    /** Creates a protocol that has seen nothing yet. */
    public AccumulatingProtocol() {
    }

    @Override
    public void connectionMade() {
        made = true;
    }

    @Override
    public void dataReceived(ByteBuffer received) {
        ByteBuffer view = received.duplicate();
        byte[] copy = new byte[view.remaining()];
        view.get(copy);
        data.writeBytes(copy);
    }

    @Override
    public void connectionLost(Failure reason) {
        closedReason = Objects.requireNonNull(reason, "reason");
    }

    /** Returns whether {@code connectionMade} has been called. */
    public boolean isMade() {
        return made;
    }

    /** Returns a copy of every byte received so far. */
    public byte[] data() {
        return data.toByteArray();
    }

    /** Returns every byte received so far, decoded as UTF-8. */
    public String dataAsString() {
        return data.toString(StandardCharsets.UTF_8);
    }

    /** Returns whether {@code connectionLost} has been called. */
    public boolean isClosed() {
        return closedReason != null;
    }

    /** Returns the reason given to {@code connectionLost}, or null if it has not been called. */
    public @Nullable Failure closedReason() {
        return closedReason;
    }
}
