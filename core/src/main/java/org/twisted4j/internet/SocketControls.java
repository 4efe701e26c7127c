package org.twisted4j.internet;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * The calls a stream connection answers on its socket itself, beneath whatever its protocol's own calls go
 * through: what a {@link SocketSide} passes on once STARTTLS has slid a TLS layer between the socket and the
 * protocol. Each reactor backend's stream connection implements it, so that one {@link SocketSide} serves
 * them all. Reactor thread only.
 */
public interface SocketControls {

    /** Writes to the socket, after what was written before; ignored once the socket is closing for writes. */
    void rawWrite(ByteBuffer data);

    /** Writes the buffers to the socket in order, as {@link #rawWrite} each. */
    default void rawWriteSequence(List<ByteBuffer> data) {
        for (ByteBuffer buffer : data) {
            rawWrite(buffer);
        }
    }

    /**
     * Returns whether the socket still holds a buffer given to {@link #rawWrite} that it has not all sent: what
     * {@link WriteQueueTransport#holdsWrites()} says. True where the connection cannot tell.
     */
    boolean socketHoldsWrites();

    /** Closes the socket once what was written has gone out and no producer is registered. */
    void rawLoseConnection();

    /** Closes the socket at once, dropping what waits to be written. */
    void rawAbortConnection();

    /** Returns whether the socket is closing or closed. */
    boolean rawIsDisconnecting();

    /** Registers a producer with the socket's write side. */
    void rawRegisterProducer(Producer producer, boolean streaming);

    /** Unregisters the producer of the socket's write side. */
    void rawUnregisterProducer();

    /** Stops reading from the socket. */
    void rawPauseProducing();

    /** Reads from the socket again. */
    void rawResumeProducing();

    /** Returns the address of the socket's peer. */
    Address getPeer();

    /** Returns the address of the socket's own side. */
    Address getHost();
}
