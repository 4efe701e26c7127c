package org.twisted4j.internet;

/**
 * A {@link Transport} over a UNIX domain stream socket, as Twisted's {@code IUNIXTransport} (without
 * passing file descriptors, which the JDK cannot do). Its addresses are {@link UNIXAddress}es: the
 * listening end's path, and a null path for the connecting end.
 *
 * <pre>{@code
 * if (transport() instanceof UNIXTransport unix) {
 *     unix.loseWriteConnection();        // end of stream to the peer; keep reading its answer
 * }
 * }</pre>
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public interface UNIXTransport extends Transport {

    /**
     * Half-closes the connection: once buffered data is written and no producer is registered, sends end
     * of stream to the peer while still reading what it sends, as {@link TCPTransport#loseWriteConnection()}
     * does for TCP. A {@link HalfCloseableProtocol} is told through
     * {@link HalfCloseableProtocol#writeConnectionLost()}.
     */
    void loseWriteConnection();
}
