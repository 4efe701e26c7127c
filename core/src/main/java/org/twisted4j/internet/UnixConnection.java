package org.twisted4j.internet;

import java.nio.channels.SelectionKey;
import org.jspecify.annotations.Nullable;

/**
 * The transport of one connection over a UNIX domain socket of a {@link NioReactor}: a stream connection
 * whose addresses are {@link UNIXAddress}es.
 */
final class UnixConnection extends StreamConnection implements UNIXTransport {

    /**
     * Takes over {@code key}'s channel, which is connected and registered, and attaches to the key; call
     * {@link #start()} next.
     */
    UnixConnection(NioReactor reactor, SelectionKey key, Protocol protocol, @Nullable StreamConnector connector) {
        super(reactor, key, protocol, connector);
    }
}
