package org.twisted4j.internet;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;

/**
 * A listening TCP port of a {@link NioReactor}; in a {@link ReactorGroup}, one of the members' sockets on a
 * shared port ({@link PortSharing}). Reactor thread only.
 */
final class TcpPort extends StreamPort {
    private final int port;
    private final String bindInterface;

    TcpPort(NioReactor reactor, int port, Factory factory, int backlog, String bindInterface) {
        super(reactor, factory, backlog);
        this.port = port;
        this.bindInterface = bindInterface;
    }

    @Override
    ServerSocketChannel open() {
        ServerSocketChannel opened = null;
        try {
            InetAddress address = InetAddress.getByName(bindInterface.isEmpty() ? "0.0.0.0" : bindInterface);
            opened = ServerSocketChannel.open(address instanceof Inet6Address
                    ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
            opened.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            PortSharing sharing = reactor.portSharing();
            if (sharing == null) {
                opened.bind(new InetSocketAddress(address, port), backlog);
            } else {
                ServerSocketChannel shared = opened;
                shared.setOption(StandardSocketOptions.SO_REUSEPORT, true);
                sharing.bind(reactor.groupIndex(), bindInterface, factory.getClass().getName(), port, agreed -> {
                    shared.bind(new InetSocketAddress(address, agreed), backlog);
                    return ((InetSocketAddress) shared.getLocalAddress()).getPort();
                });
            }
            return opened;
        } catch (IOException e) {
            Sockets.closeQuietly(opened);
            throw cannotListen(e);
        }
    }

    @Override
    CannotListenError cannotListen(Exception cause) {
        return new CannotListenError(bindInterface, port, cause);
    }

    @Override
    StreamConnection newConnection(SelectionKey key, Protocol protocol) {
        return new TcpConnection(reactor, key, protocol, null);
    }

    @Override
    public String toString() {
        return "TcpPort[" + (isListening() ? getHost() : bindInterface + ":" + port) + ", " + factory + "]";
    }
}
