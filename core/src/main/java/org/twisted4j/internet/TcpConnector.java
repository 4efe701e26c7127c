package org.twisted4j.internet;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import org.jspecify.annotations.Nullable;

/**
 * An outgoing TCP connection of a {@link NioReactor}: resolves the host (on a worker thread unless it is
 * an address literal), then connects as every {@link StreamConnector} does. Reactor thread only.
 */
final class TcpConnector extends StreamConnector {
    private final String host;
    private final int port;
    private final @Nullable InetSocketAddress bindAddress;

    TcpConnector(NioReactor reactor, String host, int port, ClientFactory factory, double timeout,
            @Nullable InetSocketAddress bindAddress) {
        super(reactor, factory, timeout, host.indexOf(':') >= 0
                ? new IPv6Address(AddressType.TCP, host, port) : new IPv4Address(AddressType.TCP, host, port));
        this.host = host;
        this.port = port;
        this.bindAddress = bindAddress;
    }

    @Override
    void begin(long thisAttempt) {
        if (Sockets.isLiteral(host)) {
            reactor.callLater(0, () -> resolved(thisAttempt, host));
            return;
        }
        reactor.deferToThread(() -> InetAddress.getByName(host).getHostAddress()).addCallbacks(
                address -> {
                    resolved(thisAttempt, address);
                    return null;
                },
                failure -> {
                    if (isCurrent(thisAttempt)) {
                        failed(new ConnectError("cannot resolve " + host + ": " + failure.getErrorMessage(),
                                failure.value()));
                    }
                    return null;
                });
    }

    private void resolved(long thisAttempt, String address) {
        if (!isCurrent(thisAttempt)) {
            return;
        }
        SocketChannel open = null;
        try {
            InetAddress resolved = InetAddress.getByName(address);
            open = SocketChannel.open(resolved instanceof Inet6Address
                    ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
            if (bindAddress != null) {
                open.bind(bindAddress);
            }
            connectChannel(open, new InetSocketAddress(resolved, port));
        } catch (IOException e) {
            Sockets.closeQuietly(open);
            failed(connectError(e));
        }
    }

    @Override
    StreamConnection newConnection(SelectionKey key, Protocol protocol) {
        return new TcpConnection(reactor, key, protocol, this);
    }
}
