package org.twisted4j.testing;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.ConnectionAborted;
import org.twisted4j.internet.ConnectionDone;
import org.twisted4j.internet.Protocol;

/**
 * A {@link StringTransport} that tells its protocol when the connection closes, as Twisted's
 * {@code StringTransportWithDisconnection}: {@link #loseConnection()} calls the protocol's
 * {@code connectionLost} with a {@link ConnectionDone} at once (there is no buffer to wait for), and
 * {@link #abortConnection()} with a {@link org.twisted4j.internet.ConnectionAborted}.
 *
 * <pre>{@code
 * StringTransportWithDisconnection transport = new StringTransportWithDisconnection();
 * transport.setProtocol(protocol);
 * protocol.makeConnection(transport);
 * protocol.dataReceived(ByteBuffer.wrap("QUIT\r\n".getBytes(US_ASCII)));
 * assertThat(transport.isConnected()).isFalse();
 * }</pre>
 *
 * <h2>Threading</h2>
 * Single-threaded, like the reactor thread it stands in for.
 */
public final class StringTransportWithDisconnection extends StringTransport {

    private @Nullable Protocol protocol;
    private boolean connected = true;

    /** Creates a transport with the default addresses; set its protocol before closing it. */
    public StringTransportWithDisconnection() {
    }

    /**
     * Creates a transport with the given addresses; set its protocol before closing it.
     *
     * @param host what {@link #getHost()} returns
     * @param peer what {@link #getPeer()} returns
     */
    public StringTransportWithDisconnection(Address host, Address peer) {
        super(host, peer);
    }

    /**
     * Sets the protocol to tell when the connection closes; normally the one whose
     * {@code makeConnection} receives this transport.
     *
     * @param protocol the protocol
     */
    public void setProtocol(Protocol protocol) {
        this.protocol = Objects.requireNonNull(protocol, "protocol");
    }

    /** Returns the protocol told when the connection closes, or null if none has been set. */
    public @Nullable Protocol protocol() {
        return protocol;
    }

    /** Returns whether the connection is still open: neither lost nor aborted. */
    public boolean isConnected() {
        return connected;
    }

    /**
     * Closes the connection: records it, then calls the protocol's {@code connectionLost} with a
     * {@link ConnectionDone}. Does nothing if it is closed already.
     *
     * @throws IllegalStateException if no protocol has been set
     */
    @Override
    public void loseConnection() {
        close(new ConnectionDone("the string transport was closed"), false);
    }

    /**
     * Aborts the connection: records it, then calls the protocol's {@code connectionLost} with a
     * {@link ConnectionAborted}. Does nothing if it is closed already.
     *
     * @throws IllegalStateException if no protocol has been set
     */
    @Override
    public void abortConnection() {
        close(new ConnectionAborted(), true);
    }

    private void close(RuntimeException reason, boolean abort) {
        Protocol told = protocol;
        if (told == null) {
            throw new IllegalStateException("set the protocol of " + this + " before closing it");
        }
        if (!connected) {
            return;
        }
        connected = false;
        if (abort) {
            super.abortConnection();
        } else {
            super.loseConnection();
        }
        told.connectionLost(new Failure(reason));
    }
}
