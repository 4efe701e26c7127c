package org.twisted4j.testing;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.Producer;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.PullProducer;
import org.twisted4j.internet.PushProducer;
import org.twisted4j.internet.TCPTransport;

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
 * </ul>
 *
 * <p>The methods that are not part of {@link TCPTransport} ({@link #isDisconnected()},
 * {@link #bufferedBytes()} and so on) are for tests; protocol code must not use them.
 *
 * <h2>Threading</h2>
 * Single-threaded, like the reactor thread it stands in for.
 */
public final class LoopbackTransport implements TCPTransport {

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

    private @Nullable Producer producer;
    private boolean streaming;
    private boolean producerPaused;

    private boolean tcpNoDelay;
    private boolean tcpKeepAlive;

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
        if (disconnected || aborted || writeClosed || !data.hasRemaining()) {
            return;
        }
        outgoing.add(data == lent ? ByteBuffer.allocate(data.remaining()).put(data.duplicate()).flip() : data.duplicate());
        outgoingBytes += data.remaining();
        if (streaming && !producerPaused && outgoingBytes > writeBufferLimit
                && producer instanceof PushProducer push) {
            producerPaused = true;
            push.pauseProducing();
        }
    }

    /** Closes the connection once the buffer is empty and no producer is registered. */
    @Override
    public void loseConnection() {
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
     * {@link IOPump} for what each end is then told.
     */
    @Override
    public void loseWriteConnection() {
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
        if (this.producer != null) {
            throw new IllegalStateException(
                    "cannot register producer " + producer + ": " + this.producer + " is still registered");
        }
        Producers.checkKind(producer, streaming);
        if (disconnected) {
            producer.stopProducing();
            return;
        }
        this.producer = producer;
        this.streaming = streaming;
        this.producerPaused = false;
        if (!streaming) {
            ((PullProducer) producer).resumeProducing();
        }
    }

    /**
     * Detaches the registered producer; a pending {@link #loseConnection()} can then go ahead.
     *
     * @throws IllegalStateException if no producer is registered
     */
    @Override
    public void unregisterProducer() {
        if (producer == null) {
            throw new IllegalStateException("cannot unregister a producer: none is registered");
        }
        producer = null;
        streaming = false;
        producerPaused = false;
    }

    // PushProducer: the read side.

    /** Stops the pump from delivering to this end until {@link #resumeProducing()}. */
    @Override
    public void pauseProducing() {
        readPaused = true;
    }

    /** Lets the pump deliver to this end again. */
    @Override
    public void resumeProducing() {
        readPaused = false;
    }

    /** Closes the connection, as {@link #loseConnection()}. */
    @Override
    public void stopProducing() {
        loseConnection();
    }

    // What tests read.

    /** Returns whether {@link #loseConnection()} or {@link #abortConnection()} has been called. */
    public boolean isDisconnecting() {
        return disconnecting;
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
        return producer;
    }

    /** Returns whether the registered producer is streaming; false when none is registered. */
    public boolean isStreaming() {
        return streaming;
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

    /** Lends {@code data} to this end's protocol in {@code dataReceived}: writes of it are copied. */
    void receive(ByteBuffer data) {
        lent = data;
        try {
            protocol.dataReceived(data);
        } finally {
            lent = null;
        }
    }

    Protocol protocol() {
        return protocol;
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
        if (producerPaused && producer instanceof PushProducer push) {
            producerPaused = false;
            push.resumeProducing();
        }
        return ByteBuffer.wrap(joined);
    }

    /** Asks a pull producer for more if the buffer is empty. */
    void askPullProducer() {
        if (!disconnected && !streaming && outgoing.isEmpty() && producer instanceof PullProducer pull) {
            pull.resumeProducing();
        }
    }

    boolean canReceive() {
        return !disconnected && !aborted && !readPaused && !readClosed;
    }

    boolean abortPending() {
        return aborted && !disconnected;
    }

    boolean readyToClose() {
        return disconnecting && !disconnected && outgoing.isEmpty() && producer == null;
    }

    boolean readyToShutDownWrite() {
        return writeClosed && !writeShutDown && !disconnected && outgoing.isEmpty() && producer == null;
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
        protocol.connectionLost(reason);
    }

    private void stopProducer() {
        Producer current = producer;
        producer = null;
        streaming = false;
        producerPaused = false;
        if (current != null) {
            current.stopProducing();
        }
    }
}
