package org.twisted4j.testing;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.IPv6Address;
import org.twisted4j.internet.Producer;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.TCPTransport;
import org.twisted4j.internet.TlsUpgradable;
import org.twisted4j.internet.ssl.TlsOptions;
import org.twisted4j.protocols.tls.TlsProtocol;
import org.twisted4j.protocols.tls.TlsTransport;

/**
 * One end of an in-memory connection made by {@link IOPump}: it buffers what its protocol writes until the
 * pump moves it to the other end, as Twisted's {@code iosim.FakeTransport}, and it behaves like a real TCP
 * transport in the ways protocols can observe.
 *
 * <ul>
 *   <li>Writes are buffered, not copied: like a real transport, it keeps the written buffer until the pump
 *       delivers it, so a protocol that changes a buffer after writing it sends the wrong bytes, and its
 *       test notices. The one exception, as on a real transport, is the buffer lent to its protocol in
 *       {@code dataReceived}: written back during that call, it is copied.</li>
 *   <li>{@link #loseConnection()} takes effect once the buffer is empty and no producer is registered;
 *       {@link #abortConnection()} drops the buffer and takes effect on the next pump.</li>
 *   <li>A push producer is paused when more than {@link #writeBufferLimit()} bytes are buffered and resumed
 *       when the pump has emptied the buffer; a pull producer is asked for more each time the buffer is
 *       empty.</li>
 *   <li>{@link #pauseProducing()} stops the pump from delivering to this end; what the other end writes
 *       meanwhile waits in its buffer, pausing its producer in turn.</li>
 *   <li>Writes after the connection is lost, aborted or half-closed are dropped.</li>
 *   <li>{@link #startTLS} slides a TLS layer under the protocol, as the reactor's TCP transport does; the
 *       pump then carries TLS records, and what one end writes before its next pump (a STARTTLS reply
 *       and the first handshake record, say) arrives at the other end in one {@code dataReceived}.</li>
 * </ul>
 *
 * <p>The methods that are not part of {@link TCPTransport} ({@link #isDisconnected()},
 * {@link #bufferedBytes()} and so on) are for tests; protocol code must not use them.
 *
 * <h2>Threading</h2>
 * Single-threaded, like the reactor thread it stands in for.
 */
public final class LoopbackTransport implements TCPTransport, TlsUpgradable {

    /** The default {@link #writeBufferLimit()}: 64 KiB, as a real transport's. */
    public static final int DEFAULT_WRITE_BUFFER_LIMIT = 64 * 1024;

    private final String side;
    private final Protocol protocol;
    private final Address host;
    private final Address peer;
    private final ArrayDeque<ByteBuffer> outgoing = new ArrayDeque<>();
    private @Nullable ByteBuffer lent; // the buffer its protocol holds in dataReceived, if in that call
    private int outgoingBytes;
    private int writeBufferLimit = DEFAULT_WRITE_BUFFER_LIMIT;

    private boolean disconnecting;
    private boolean aborted;
    private boolean disconnected;
    private boolean writeClosed;
    private boolean writeShutDown;
    private boolean readClosed;
    private boolean readPaused;

    private final ProducerSlot slot = new ProducerSlot();

    private boolean tcpNoDelay;
    private boolean tcpKeepAlive;
    private @Nullable TlsProtocol tls;

    LoopbackTransport(String side, Protocol protocol, Address host, Address peer) {
        this.side = side;
        this.protocol = protocol;
        this.host = host;
        this.peer = peer;
    }

    // Transport.

    /**
     * Buffers the bytes between {@code data}'s position and limit until the pump moves them, keeping the
     * buffer itself rather than a copy. Dropped if the connection is lost or aborted or its write side
     * closed.
     */
    @Override
    public void write(ByteBuffer data) {
        Objects.requireNonNull(data, "data");
        TlsProtocol layer = tls;
        if (layer != null) {
            layer.write(data);
            return;
        }
        rawWrite(data);
    }

    void rawWrite(ByteBuffer data) {
        if (disconnected || aborted || writeClosed || !data.hasRemaining()) {
            return;
        }
        outgoing.add(data == lent ? ByteBuffer.allocate(data.remaining()).put(data.duplicate()).flip() : data.duplicate());
        outgoingBytes += data.remaining();
        slot.pauseIfOver(outgoingBytes, writeBufferLimit);
    }

    /** Closes the connection once the buffer is empty and no producer is registered. */
    @Override
    public void loseConnection() {
        TlsProtocol layer = tls;
        if (layer != null) {
            layer.loseConnection();
            return;
        }
        rawLoseConnection();
    }

    void rawLoseConnection() {
        if (!disconnected) {
            disconnecting = true;
        }
    }

    /**
     * Drops the buffer, stops the registered producer, and closes the connection on the next pump: this
     * end's protocol then receives a {@link org.twisted4j.internet.ConnectionAborted}, the other end's a
     * {@link org.twisted4j.internet.ConnectionLost}.
     */
    @Override
    public void abortConnection() {
        TlsProtocol layer = tls;
        if (layer != null) {
            layer.abortConnection();
            return;
        }
        rawAbortConnection();
    }

    void rawAbortConnection() {
        if (disconnected) {
            return;
        }
        aborted = true;
        disconnecting = true;
        outgoing.clear();
        outgoingBytes = 0;
        stopProducer();
    }

    /**
     * Sends end of stream to the other end once the buffer is empty and no producer is registered; see
     * {@link IOPump} for what each end is then told. Once TLS has started, half-closes the TLS session
     * instead (close_notify, reading on), as a real connection does.
     */
    @Override
    public void loseWriteConnection() {
        TlsProtocol layer = tls;
        if (layer != null) {
            layer.loseWriteConnection();
            return;
        }
        if (!disconnected) {
            writeClosed = true;
        }
    }

    @Override
    public Address getPeer() {
        return peer;
    }

    @Override
    public Address getHost() {
        return host;
    }

    @Override
    public boolean getTcpNoDelay() {
        return tcpNoDelay;
    }

    @Override
    public void setTcpNoDelay(boolean enabled) {
        tcpNoDelay = enabled;
    }

    @Override
    public boolean getTcpKeepAlive() {
        return tcpKeepAlive;
    }

    @Override
    public void setTcpKeepAlive(boolean enabled) {
        tcpKeepAlive = enabled;
    }

    // Consumer.

    /**
     * Attaches a producer. A pull producer is asked for its first piece at once; if the connection is
     * already lost, the producer is stopped instead of attached.
     *
     * @throws IllegalStateException if a producer is registered already
     * @throws IllegalArgumentException if {@code producer} is not of the kind {@code streaming} says
     */
    @Override
    public void registerProducer(Producer producer, boolean streaming) {
        Objects.requireNonNull(producer, "producer");
        TlsProtocol layer = tls;
        if (layer != null) {
            layer.registerProducer(producer, streaming);
            return;
        }
        rawRegisterProducer(producer, streaming);
    }

    void rawRegisterProducer(Producer producer, boolean streaming) {
        if (disconnected) {
            slot.checkRegister(producer, streaming);
            producer.stopProducing();
            return;
        }
        slot.register(producer, streaming);
        slot.askForMore();
    }

    /**
     * Detaches the registered producer; a pending {@link #loseConnection()} can then go ahead.
     *
     * @throws IllegalStateException if no producer is registered
     */
    @Override
    public void unregisterProducer() {
        TlsProtocol layer = tls;
        if (layer != null) {
            layer.unregisterProducer();
            return;
        }
        rawUnregisterProducer();
    }

    void rawUnregisterProducer() {
        slot.unregister();
    }

    // PushProducer: the read side.

    /** Stops the pump from delivering to this end until {@link #resumeProducing()}. */
    @Override
    public void pauseProducing() {
        TlsProtocol layer = tls;
        if (layer != null) {
            layer.pauseProducing();
        } else {
            readPaused = true;
        }
    }

    /** Lets the pump deliver to this end again. */
    @Override
    public void resumeProducing() {
        TlsProtocol layer = tls;
        if (layer != null) {
            layer.resumeProducing();
        } else {
            readPaused = false;
        }
    }

    // STARTTLS.

    /**
     * {@inheritDoc}
     *
     * @implNote Bytes buffered before the call go first, in the clear; a registered producer stays registered,
     *     through the TLS layer.
     */
    @Override
    public TlsTransport startTLS(TlsOptions options, boolean client, ByteBuffer alreadyReceived) {
        if (tls != null) {
            throw new IllegalStateException("TLS has already started on " + this);
        }
        if (disconnected || disconnecting) {
            throw new IllegalStateException("cannot start TLS on " + this + ": it is closing");
        }
        TlsProtocol layer = TlsProtocol.forStartTls(options, client, protocol, hostOf(peer), portOf(peer));
        Producer registered = slot.producer();
        boolean registeredStreaming = slot.isStreaming();
        if (registered != null) {
            rawUnregisterProducer();
        }
        tls = layer;
        layer.makeConnection(new LoopbackRawSide(this));
        if (registered != null) {
            layer.registerProducer(registered, registeredStreaming);
        }
        if (alreadyReceived.hasRemaining()) {
            layer.dataReceived(alreadyReceived);
        }
        return layer;
    }

    private static @Nullable String hostOf(Address address) {
        return address instanceof IPv4Address a ? a.host() : address instanceof IPv6Address a ? a.host() : null;
    }

    private static int portOf(Address address) {
        return address instanceof IPv4Address a ? a.port() : address instanceof IPv6Address a ? a.port() : -1;
    }

    /** Closes the connection, as {@link #loseConnection()}. */
    @Override
    public void stopProducing() {
        loseConnection();
    }

    // What tests read.

    /**
     * Returns whether {@link #loseConnection()} or {@link #abortConnection()} has been called (through the TLS
     * layer once {@link #startTLS} has run).
     */
    @Override
    public boolean isDisconnecting() {
        TlsProtocol layer = tls;
        return layer != null ? layer.isDisconnecting() : disconnecting;
    }

    /** Returns whether the connection is over: this end's protocol has been told {@code connectionLost}. */
    public boolean isDisconnected() {
        return disconnected;
    }

    /** Returns whether {@link #abortConnection()} has been called. */
    public boolean isAborted() {
        return aborted;
    }

    /** Returns whether {@link #loseWriteConnection()} has been called. */
    public boolean isWriteClosed() {
        return writeClosed;
    }

    /** Returns whether delivery to this end is paused by {@link #pauseProducing()}. */
    public boolean isReadingPaused() {
        return readPaused;
    }

    /** Returns the registered producer, or null if none is registered. */
    public @Nullable Producer producer() {
        return slot.producer();
    }

    /** Returns whether the registered producer is streaming; false when none is registered. */
    public boolean isStreaming() {
        return slot.isStreaming();
    }

    /** Returns how many written bytes wait for the pump to move them. */
    public int bufferedBytes() {
        return outgoingBytes;
    }

    /** Returns how many bytes may wait in the buffer before a push producer is paused. */
    public int writeBufferLimit() {
        return writeBufferLimit;
    }

    /**
     * Sets how many bytes may wait in the buffer before a push producer is paused.
     *
     * @param limit the number of bytes; 0 pauses a push producer on its first write
     * @throws IllegalArgumentException if {@code limit} is negative
     */
    public void setWriteBufferLimit(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("the write buffer limit must not be negative, not " + limit);
        }
        writeBufferLimit = limit;
    }

    @Override
    public String toString() {
        return "LoopbackTransport[" + side + " " + protocol.getClass().getSimpleName() + ", " + host + " -> "
                + peer + (disconnected ? ", disconnected" : disconnecting ? ", disconnecting" : "") + "]";
    }

    // For the pump.

    /**
     * Lends {@code data} to this end's protocol (or its TLS layer) in {@code dataReceived}: writes of it
     * are copied.
     */
    void receive(ByteBuffer data) {
        lent = data;
        try {
            receiver().dataReceived(data);
        } finally {
            lent = null;
        }
    }

    Protocol protocol() {
        return protocol;
    }

    /** Pauses or resumes delivery to this end, below the TLS layer. */
    void setReadPaused(boolean paused) {
        readPaused = paused;
    }

    /** Returns whether this end has been asked to close, below the TLS layer. */
    boolean rawIsDisconnecting() {
        return disconnecting || disconnected;
    }

    /** Returns what the pump delivers to: the TLS layer once it has started, else the protocol. */
    Protocol receiver() {
        TlsProtocol layer = tls;
        return layer != null ? layer : protocol;
    }

    /** Returns all buffered bytes joined in a new array, emptying the buffer, or null if it is empty. */
    @Nullable ByteBuffer takeOutgoing() {
        if (outgoing.isEmpty()) {
            return null;
        }
        byte[] joined = new byte[outgoingBytes];
        int at = 0;
        for (ByteBuffer buffer : outgoing) {
            int length = buffer.remaining();
            buffer.get(joined, at, length);
            at += length;
        }
        outgoing.clear();
        outgoingBytes = 0;
        slot.resumeIfPaused();
        return ByteBuffer.wrap(joined);
    }

    /** Asks a pull producer for more if the buffer is empty. */
    void askPullProducer() {
        if (!disconnected && outgoing.isEmpty()) {
            slot.askForMore();
        }
    }

    boolean canReceive() {
        return !disconnected && !aborted && !readPaused && !readClosed;
    }

    boolean abortPending() {
        return aborted && !disconnected;
    }

    boolean readyToClose() {
        return disconnecting && !disconnected && outgoing.isEmpty() && slot.isEmpty();
    }

    boolean readyToShutDownWrite() {
        return writeClosed && !writeShutDown && !disconnected && outgoing.isEmpty() && slot.isEmpty();
    }

    void markWriteShutDown() {
        writeShutDown = true;
    }

    boolean isWriteShutDown() {
        return writeShutDown;
    }

    void markReadClosed() {
        readClosed = true;
    }

    /** Ends this end: drops the buffer, stops the producer, then tells the protocol. Once only. */
    void lost(Failure reason) {
        if (disconnected) {
            return;
        }
        disconnected = true;
        outgoing.clear();
        outgoingBytes = 0;
        stopProducer();
        receiver().connectionLost(reason);
    }

    private void stopProducer() {
        Producer current = slot.clear();
        if (current != null) {
            current.stopProducing();
        }
    }
}
