package org.twisted4j.internet;

import java.nio.ByteBuffer;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Failure;

/**
 * The code that speaks a protocol over one connection, as Twisted's {@code Protocol}: it is told when the
 * connection is made, when bytes arrive and when the connection ends, and it answers through its
 * {@link Transport}.
 *
 * <h2>Using it</h2>
 * Subclass it and override the events you care about; each does nothing by default.
 *
 * <pre>{@code
 * final class Echo extends Protocol {
 *     @Override
 *     public void dataReceived(ByteBuffer data) {
 *         transport().write(data);
 *     }
 * }
 * reactor.listenTCP(7, Factory.forProtocol(Echo::new));
 * }</pre>
 *
 * <p>The life of a protocol: a {@link Factory} builds it for one connection;
 * {@link #makeConnection(Transport)} attaches the transport and calls {@link #connectionMade()}; any number
 * of {@link #dataReceived} calls follow; {@link #connectionLost} comes exactly once at the end. One
 * instance serves one connection.
 *
 * <h2>Threading</h2>
 * Reactor thread only: every method is called on the reactor's thread, one at a time, so a protocol's
 * state needs no locks. Work that blocks belongs in {@code deferToThread}.
 *
 * <h2>Pitfalls</h2>
 * Bytes arrive in pieces of any size: a message may be split across several {@code dataReceived} calls,
 * or several messages may come in one. Parse incrementally (see the line and length-prefixed protocols).
 */
public abstract class Protocol {

    private @Nullable Transport transport;
    private @Nullable Factory factory;

    /** For subclasses. */
    protected Protocol() {
    }

    /**
     * Attaches this protocol to its connection and calls {@link #connectionMade()}. Called by the transport
     * (or a test double) once; overriding it is rarely needed, and an override must call this one.
     *
     * @param transport the transport of the new connection
     * @throws IllegalStateException if this protocol is already attached to a transport
     */
    public void makeConnection(Transport transport) {
        Objects.requireNonNull(transport, "transport");
        if (this.transport != null) {
            throw new IllegalStateException("protocol " + this + " is already connected to " + this.transport);
        }
        this.transport = transport;
        connectionMade();
    }

    /**
     * Called when the connection is made and {@link #transport()} is ready: a server's place to send a
     * greeting, a client's to send its first request. Does nothing by default.
     */
    public void connectionMade() {
    }

    /**
     * Called with bytes that have arrived, in order. Does nothing by default.
     *
     * <p>{@code data} holds the bytes between its position and limit and is valid only during this call:
     * the transport reuses the buffer afterwards. Read from it (moving its position is fine) or copy what
     * must be kept; never keep the buffer itself. Writing it back as it is during the call, as an echo does
     * with {@code transport().write(data)}, is fine: the transport keeps whatever of it has to wait safe from
     * the reuse (the reactor's next read then lands in another buffer).
     *
     * @param data the bytes that arrived; never empty
     */
    public void dataReceived(ByteBuffer data) {
    }

    /**
     * Called once when the connection has ended, for whatever reason; nothing more will be received, and
     * writes are dropped. Does nothing by default.
     *
     * @param reason why: a {@link ConnectionDone} for a clean close, another {@link ConnectionClosed} or an
     *     I/O error otherwise
     */
    public void connectionLost(Failure reason) {
    }

    /**
     * Returns the transport of this protocol's connection.
     *
     * @throws IllegalStateException if {@link #makeConnection} has not been called yet
     */
    public final Transport transport() {
        Transport current = transport;
        if (current == null) {
            throw new IllegalStateException("protocol " + this + " is not connected yet");
        }
        return current;
    }

    /** Returns the factory that built this protocol, or null if it was made without one. */
    public final @Nullable Factory factory() {
        return factory;
    }

    /**
     * Records the factory that built this protocol; {@link Factory#buildProtocol} does this for the
     * protocols it builds.
     *
     * @param factory the factory, or null to forget it
     */
    public final void setFactory(@Nullable Factory factory) {
        this.factory = factory;
    }
}
