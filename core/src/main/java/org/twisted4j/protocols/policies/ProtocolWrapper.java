package org.twisted4j.protocols.policies;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ForwardingTransport;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.TCPTransport;
import org.twisted4j.internet.Transport;

/**
 * A protocol that stands between a connection's transport and another protocol, passing everything on in
 * both directions, as Twisted's {@code ProtocolWrapper}: to the transport it is the protocol, and to the
 * wrapped protocol it is the transport. Subclasses override the calls a policy needs to see, and call the
 * overridden method to pass each on.
 *
 * <pre>{@code
 * final class Counting extends ProtocolWrapper {
 *     long read;
 *     Counting(WrappingFactory factory, Protocol wrapped) { super(factory, wrapped); }
 *     @Override
 *     public void dataReceived(ByteBuffer data) {
 *         read += data.remaining();
 *         super.dataReceived(data);
 *     }
 * }
 * }</pre>
 *
 * <p>When connected it registers with its {@link WrappingFactory}, which so knows every open connection,
 * and it unregisters when the connection is lost. The TCP controls pass on to the real transport when it
 * is a {@link TCPTransport}; otherwise the flags read false, setting them does nothing and
 * {@link #loseWriteConnection()} throws. Half-close events are not passed on: behind a wrapper, end of
 * stream from the peer closes the connection.
 *
 * <h2>Threading</h2>
 * Reactor thread only, like the protocols and transports it joins.
 */
public class ProtocolWrapper extends Protocol implements TCPTransport, ForwardingTransport {

    private final WrappingFactory wrappingFactory;
    private final Protocol wrappedProtocol;
    private final boolean connectWrapped;
    private boolean disconnecting;

    /**
     * Makes a wrapper.
     *
     * @param factory the factory it registers with when connected
     * @param wrappedProtocol the protocol it passes everything to
     */
    public ProtocolWrapper(WrappingFactory factory, Protocol wrappedProtocol) {
        this(factory, wrappedProtocol, true);
    }

    /**
     * Makes a wrapper that may be slid under a protocol that is already connected, as a transport does when
     * it starts TLS on a live connection.
     *
     * @param factory the factory it registers with when connected
     * @param wrappedProtocol the protocol it passes everything to
     * @param connectWrapped whether {@link #makeConnection} connects {@code wrappedProtocol} to this wrapper;
     *     false when {@code wrappedProtocol} is connected already and keeps its own transport
     */
    protected ProtocolWrapper(WrappingFactory factory, Protocol wrappedProtocol, boolean connectWrapped) {
        this.wrappingFactory = Objects.requireNonNull(factory, "factory");
        this.wrappedProtocol = Objects.requireNonNull(wrappedProtocol, "wrappedProtocol");
        this.connectWrapped = connectWrapped;
    }

    /** Returns the protocol this wrapper passes everything to. */
    public final Protocol wrappedProtocol() {
        return wrappedProtocol;
    }

    /** Returns the factory this wrapper registers with. */
    public final WrappingFactory wrappingFactory() {
        return wrappingFactory;
    }

    // Protocol: from the transport to the wrapped protocol.

    /**
     * Attaches the transport (calling this wrapper's {@link #connectionMade()}), registers with the
     * factory, then connects the wrapped protocol to this wrapper (unless it was made not to).
     *
     * @throws IllegalStateException if this wrapper is already connected
     */
    @Override
    public void makeConnection(Transport transport) {
        super.makeConnection(transport);
        wrappingFactory.registerProtocol(this);
        if (connectWrapped) {
            wrappedProtocol.makeConnection(this);
        }
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        wrappedProtocol.dataReceived(data);
    }

    /** Unregisters from the factory, then tells the wrapped protocol. */
    @Override
    public void connectionLost(Failure reason) {
        wrappingFactory.unregisterProtocol(this);
        wrappedProtocol.connectionLost(reason);
    }

    // Transport: from the wrapped protocol to the transport.

    @Override
    public void write(ByteBuffer data) {
        transport().write(data);
    }

    @Override
    public void writeSequence(List<ByteBuffer> data) {
        transport().writeSequence(data);
    }

    @Override
    public void loseConnection() {
        disconnecting = true;
        transport().loseConnection();
    }

    @Override
    public void abortConnection() {
        disconnecting = true;
        transport().abortConnection();
    }

    /** Returns whether this wrapper or the real transport has started to close. */
    @Override
    public boolean isDisconnecting() {
        return disconnecting || transport().isDisconnecting();
    }

    /**
     * Half-closes the real transport.
     *
     * @throws UnsupportedOperationException if the real transport is not a {@link TCPTransport}
     */
    @Override
    public void loseWriteConnection() {
        if (!(transport() instanceof TCPTransport tcp)) {
            throw new UnsupportedOperationException(transport() + " cannot half-close");
        }
        tcp.loseWriteConnection();
    }

    @Override
    public boolean getTcpNoDelay() {
        return transport() instanceof TCPTransport tcp && tcp.getTcpNoDelay();
    }

    @Override
    public void setTcpNoDelay(boolean enabled) {
        if (transport() instanceof TCPTransport tcp) {
            tcp.setTcpNoDelay(enabled);
        }
    }

    @Override
    public boolean getTcpKeepAlive() {
        return transport() instanceof TCPTransport tcp && tcp.getTcpKeepAlive();
    }

    @Override
    public void setTcpKeepAlive(boolean enabled) {
        if (transport() instanceof TCPTransport tcp) {
            tcp.setTcpKeepAlive(enabled);
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + wrappedProtocol + "]";
    }
}
