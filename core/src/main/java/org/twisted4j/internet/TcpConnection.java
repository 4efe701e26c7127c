package org.twisted4j.internet;

import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import org.jspecify.annotations.Nullable;

/** The transport of one TCP connection of a {@link NioReactor}: a stream connection with TCP's options. */
final class TcpConnection extends StreamConnection implements TCPTransport {

    /**
     * Takes over {@code key}'s channel, which is connected and registered, and attaches to the key; call
     * {@link #start()} next.
     */
    TcpConnection(NioReactor reactor, SelectionKey key, Protocol protocol, @Nullable StreamConnector connector) {
        super(reactor, key, protocol, connector);
    }

    @Override
    public boolean getTcpNoDelay() {
        return Sockets.option(channel(), StandardSocketOptions.TCP_NODELAY);
    }

    @Override
    public void setTcpNoDelay(boolean enabled) {
        Sockets.setOption(channel(), StandardSocketOptions.TCP_NODELAY, enabled);
    }

    @Override
    public boolean getTcpKeepAlive() {
        return Sockets.option(channel(), StandardSocketOptions.SO_KEEPALIVE);
    }

    @Override
    public void setTcpKeepAlive(boolean enabled) {
        Sockets.setOption(channel(), StandardSocketOptions.SO_KEEPALIVE, enabled);
    }
}
