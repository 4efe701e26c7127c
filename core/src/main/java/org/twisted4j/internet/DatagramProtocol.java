package org.twisted4j.internet;

import java.nio.ByteBuffer;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The code behind a UDP port, as Twisted's {@code DatagramProtocol}: told when the port opens and closes
 * and when a datagram arrives.
 *
 * <h2>Using it</h2>
 * <pre>{@code
 * final class EchoDatagrams extends DatagramProtocol {
 *     @Override
 *     public void datagramReceived(ByteBuffer data, Address sender) {
 *         byte[] copy = new byte[data.remaining()];
 *         data.get(copy);
 *         transport().write(ByteBuffer.wrap(copy), sender);
 *     }
 * }
 * reactor.listenUDP(9999, new EchoDatagrams());
 * }</pre>
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public abstract class DatagramProtocol {

    private @Nullable DatagramTransport transport;
    private int numPorts;

    /** For subclasses. */
    protected DatagramProtocol() {
    }

    /**
     * Attaches this protocol to its port and calls {@link #doStart()}. Called by the port when it opens.
     *
     * @param transport the port
     * @throws IllegalStateException if this protocol is attached to a port already
     */
    public void makeConnection(DatagramTransport transport) {
        Objects.requireNonNull(transport, "transport");
        if (this.transport != null) {
            throw new IllegalStateException("datagram protocol " + this + " is already attached to " + this.transport);
        }
        this.transport = transport;
        doStart();
    }

    /** Counts one more port using this protocol, calling {@link #startProtocol()} for the first. */
    public final void doStart() {
        if (numPorts == 0) {
            startProtocol();
        }
        numPorts++;
    }

    /**
     * Counts one port fewer and detaches the transport, calling {@link #stopProtocol()} when none is left.
     * Called by the port when it closes.
     *
     * @throws IllegalStateException if no port is counted
     */
    public final void doStop() {
        if (numPorts == 0) {
            throw new IllegalStateException("doStop called on datagram protocol " + this + " that was not started");
        }
        numPorts--;
        transport = null;
        if (numPorts == 0) {
            stopProtocol();
        }
    }

    /** Called when the port opens and {@link #transport()} is ready. Does nothing by default. */
    public void startProtocol() {
    }

    /** Called when the port has closed. Does nothing by default. */
    public void stopProtocol() {
    }

    /**
     * Called with each datagram that arrives. Does nothing by default.
     *
     * <p>{@code data} is valid only during this call, as in {@link Protocol#dataReceived}: copy what must be
     * kept.
     *
     * @param data the datagram's content, between position and limit
     * @param sender where it came from
     */
    public void datagramReceived(ByteBuffer data, Address sender) {
    }

    /**
     * Called, on a connected port, when a datagram sent to the peer was refused (nothing listens there).
     * Does nothing by default.
     */
    public void connectionRefused() {
    }

    /**
     * Returns the port this protocol is attached to.
     *
     * @throws IllegalStateException if it is not attached (not yet, or no longer)
     */
    public final DatagramTransport transport() {
        DatagramTransport current = transport;
        if (current == null) {
            throw new IllegalStateException("datagram protocol " + this + " is not attached to a port");
        }
        return current;
    }
}
