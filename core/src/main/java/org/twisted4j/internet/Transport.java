package org.twisted4j.internet;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * One end of a connection, as a {@link Protocol} sees it: where to write bytes, how to close, who is on the
 * other side, as Twisted's {@code ITransport}.
 *
 * <h2>Using it</h2>
 * A protocol receives its transport in {@link Protocol#makeConnection} and reaches it with
 * {@link Protocol#transport()}:
 *
 * <pre>{@code
 * public void dataReceived(ByteBuffer data) {
 *     transport().write(copyOf(data));          // echo it back
 *     if (sawQuit(data)) {
 *         transport().loseConnection();         // after what was written has gone out
 *     }
 * }
 * }</pre>
 *
 * <p>Writes never block and never fail: bytes are buffered until the connection can take them, and a
 * broken connection shows up later as {@link Protocol#connectionLost}. To avoid buffering without limit,
 * write from a {@link Producer} and register it with {@link #registerProducer}.
 *
 * <p>A transport is also a {@link PushProducer} of what it reads: {@link #pauseProducing()} stops reading
 * (no {@code dataReceived} until {@link #resumeProducing()}), and {@link #stopProducing()} closes the
 * connection.
 *
 * <h2>Threading</h2>
 * Reactor thread only, like the protocol it serves. From another thread, go through the reactor's
 * {@code callFromThread}.
 *
 * <h2>Pitfalls</h2>
 * The buffer handed to {@code write} belongs to the transport afterwards (see {@link #write(ByteBuffer)});
 * and a closed connection silently drops writes, so watch {@code connectionLost} rather than the writes.
 */
public interface Transport extends Consumer, PushProducer {

    /**
     * Writes several buffers in order, sent together where the connection allows (a gathering write)
     * rather than first joined into one. The same ownership rule as {@link #write(ByteBuffer)} holds for
     * each buffer.
     *
     * @param data the buffers, in order
     */
    default void writeSequence(List<ByteBuffer> data) {
        for (ByteBuffer buffer : data) {
            write(buffer);
        }
    }

    /**
     * Closes the connection once all buffered data has been written, and once any registered producer has
     * unregistered. The protocol's {@link Protocol#connectionLost} follows, normally with a
     * {@link ConnectionDone}. Calling it again does nothing.
     *
     * <p>No data reaches the protocol after this call, but the connection still watches the peer while it
     * waits: if the peer goes away meanwhile (a reset, an end of stream the protocol cannot take as a
     * half-close, a TLS close_notify), the connection closes without waiting for the registered producer,
     * which is stopped with {@code stopProducing}; after a reset or end of stream, what is still buffered is
     * dropped.
     */
    void loseConnection();

    /**
     * Closes the connection at once: buffered data is dropped, a registered producer is stopped, and the
     * peer sees an unclean close where the connection type allows. The protocol's
     * {@link Protocol#connectionLost} follows on a later turn of the reactor, with a
     * {@link ConnectionAborted}. Calling it again, or after {@link #loseConnection()}, still aborts.
     */
    void abortConnection();

    /**
     * Returns whether this end has been asked to close, with {@link #loseConnection()} or
     * {@link #abortConnection()}, as Twisted's {@code transport.disconnecting}. A protocol that parses
     * several messages out of one read checks it after each message, so that nothing after the message that
     * closed the connection is acted on.
     *
     * @implSpec The default returns false; every transport that can close should override it.
     */
    default boolean isDisconnecting() {
        return false;
    }

    /** Returns the address of the other end of the connection. */
    Address getPeer();

    /** Returns the address of this end of the connection. */
    Address getHost();

    /**
     * Stops reading from the connection: no {@link Protocol#dataReceived} until {@link #resumeProducing()}.
     * Data the peer sends meanwhile waits in the operating system's buffers and, once they fill, slows the
     * peer down.
     */
    @Override
    void pauseProducing();

    /** Starts reading from the connection again after {@link #pauseProducing()}. */
    @Override
    void resumeProducing();

    /** Stops reading for good and closes the connection, as {@link #loseConnection()}. */
    @Override
    void stopProducing();
}
