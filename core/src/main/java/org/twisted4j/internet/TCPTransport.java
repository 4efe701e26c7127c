package org.twisted4j.internet;

/**
 * A {@link Transport} over a TCP connection, with TCP's extra controls, as Twisted's
 * {@code ITCPTransport}.
 *
 * <pre>{@code
 * if (transport() instanceof TCPTransport tcp) {
 *     tcp.setTcpNoDelay(true);      // small interactive writes go out at once
 * }
 * }</pre>
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public interface TCPTransport extends Transport {

    /**
     * Half-closes the connection: once buffered data is written and no producer is registered, sends end
     * of stream to the peer while still reading what it sends. A protocol that implements
     * {@link HalfCloseableProtocol} is told through
     * {@link HalfCloseableProtocol#writeConnectionLost()}; the peer, if it is half-closeable too, through
     * {@link HalfCloseableProtocol#readConnectionLost()}, and otherwise its connection closes.
     */
    void loseWriteConnection();

    /** Returns whether Nagle's algorithm is off (TCP_NODELAY), so small writes are sent at once. */
    boolean getTcpNoDelay();

    /**
     * Turns Nagle's algorithm off or on (TCP_NODELAY). Off means each small write goes out at once,
     * good for interactive protocols; on coalesces small writes, good for throughput.
     *
     * @param enabled true to send small writes at once
     */
    void setTcpNoDelay(boolean enabled);

    /** Returns whether TCP keep-alive probes are on (SO_KEEPALIVE). */
    boolean getTcpKeepAlive();

    /**
     * Turns TCP keep-alive probes on or off (SO_KEEPALIVE), which detect a peer that vanished without
     * closing; the probe timing is the operating system's.
     *
     * @param enabled true to send keep-alive probes
     */
    void setTcpKeepAlive(boolean enabled);
}
