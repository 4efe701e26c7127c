package org.twisted4j.internet;

/**
 * A {@link Protocol} that can work with a connection closed in one direction only, as Twisted's
 * {@code IHalfCloseableProtocol}. Without it, end of stream from the peer closes the whole connection.
 *
 * <pre>{@code
 * final class Upload extends Protocol implements HalfCloseableProtocol {
 *     public void readConnectionLost() {      // the client has sent everything
 *         transport().write(summary());
 *         transport().loseConnection();       // our job now
 *     }
 *     public void writeConnectionLost() {}
 * }
 * }</pre>
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public interface HalfCloseableProtocol {

    /**
     * The peer has closed its sending side (end of stream): nothing more will be received, but writing
     * still works. The connection stays open until this protocol calls {@link Transport#loseConnection()},
     * which it is now responsible for doing.
     */
    void readConnectionLost();

    /**
     * This side's sending side has closed, after {@link TCPTransport#loseWriteConnection()} and once the
     * buffered data went out; reading still works.
     */
    void writeConnectionLost();
}
