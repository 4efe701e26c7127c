package org.twisted4j.internet;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import org.jspecify.annotations.Nullable;

/**
 * A listening socket made elsewhere and handed to {@link NioReactor#adoptStreamPort}: TCP or UNIX, told
 * apart by its local address. It listens once: after {@link #stopListening()} the channel is closed.
 * Reactor thread only.
 */
final class AdoptedPort extends StreamPort {
    private @Nullable ServerSocketChannel channel;
    private final String where;
    private final int portNumber;
    private final boolean unix;

    AdoptedPort(NioReactor reactor, ServerSocketChannel channel, Factory factory) {
        super(reactor, factory, 0);
        this.channel = channel;
        SocketAddress local;
        try {
            local = channel.getLocalAddress();
        } catch (IOException e) {
            throw new CannotListenError(channel.toString(), 0, e);
        }
        if (local == null) {
            throw new CannotListenError(channel.toString(), 0, new IOException("the adopted socket is not bound"));
        }
        this.unix = local instanceof UnixDomainSocketAddress;
        this.where = local instanceof InetSocketAddress inet ? inet.getHostString() : local.toString();
        this.portNumber = local instanceof InetSocketAddress inet ? inet.getPort() : 0;
    }

    @Override
    ServerSocketChannel open() {
        ServerSocketChannel adopted = channel;
        if (adopted == null || !adopted.isOpen()) {
            throw cannotListen(new IOException("an adopted socket cannot listen again once closed"));
        }
        channel = null;
        return adopted;
    }

    @Override
    CannotListenError cannotListen(Exception cause) {
        return new CannotListenError(where, portNumber, cause);
    }

    @Override
    StreamConnection newConnection(SelectionKey key, Protocol protocol) {
        return unix ? new UnixConnection(reactor, key, protocol, null)
                : new TcpConnection(reactor, key, protocol, null);
    }

    @Override
    public String toString() {
        return "AdoptedPort[" + where + (unix ? "" : ":" + portNumber) + ", " + factory + "]";
    }
}
