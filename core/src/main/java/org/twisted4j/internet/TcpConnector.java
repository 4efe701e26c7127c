package org.twisted4j.internet;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Failure;

/**
 * An outgoing TCP connection of a {@link NioReactor}, from the attempt to the end: resolves the host
 * (on a worker thread unless it is an address literal), connects without blocking, enforces the timeout,
 * and tells the {@link ClientFactory} how it went. Reactor thread only.
 */
final class TcpConnector implements Connector, Selectable {

    private enum State { DISCONNECTED, CONNECTING, CONNECTED }

    private final NioReactor reactor;
    private final String host;
    private final int port;
    private final ClientFactory factory;
    private final double timeout;
    private final @Nullable InetSocketAddress bindAddress;
    private final Address destination;
    private State state = State.DISCONNECTED;
    private boolean factoryStarted;
    private long attempt;
    private @Nullable SocketChannel channel;
    private @Nullable DelayedCall timeoutCall;
    private @Nullable TcpConnection connection;

    TcpConnector(NioReactor reactor, String host, int port, ClientFactory factory, double timeout,
            @Nullable InetSocketAddress bindAddress) {
        this.reactor = reactor;
        this.host = host;
        this.port = port;
        this.factory = factory;
        this.timeout = timeout;
        this.bindAddress = bindAddress;
        this.destination = host.indexOf(':') >= 0
                ? new IPv6Address(AddressType.TCP, host, port) : new IPv4Address(AddressType.TCP, host, port);
    }

    @Override
    public void connect() {
        if (state != State.DISCONNECTED) {
            throw new IllegalStateException("already " + state.name().toLowerCase() + ": " + this);
        }
        state = State.CONNECTING;
        long thisAttempt = ++attempt;
        if (!factoryStarted) {
            factory.doStart();
            factoryStarted = true;
        }
        timeoutCall = reactor.callLater(timeout, () -> {
            timeoutCall = null;
            failed(new ConnectionTimeoutError(destination, timeout));
        });
        if (isLiteral(host)) {
            reactor.callLater(0, () -> resolved(thisAttempt, host));
        } else {
            reactor.deferToThread(() -> InetAddress.getByName(host).getHostAddress()).addCallbacks(
                    address -> {
                        resolved(thisAttempt, address);
                        return null;
                    },
                    failure -> {
                        if (thisAttempt == attempt) {
                            failed(new ConnectError("cannot resolve " + host + ": " + failure.getErrorMessage(),
                                    failure.value()));
                        }
                        return null;
                    });
        }
        factory.startedConnecting(this);
    }

    @Override
    public void disconnect() {
        switch (state) {
            case CONNECTING -> stopConnecting();
            case CONNECTED -> {
                TcpConnection current = connection;
                if (current != null) {
                    current.loseConnection();
                }
            }
            case DISCONNECTED -> { }
        }
    }

    @Override
    public void stopConnecting() {
        if (state != State.CONNECTING) {
            throw new IllegalStateException("not connecting: " + this);
        }
        failed(new UserError());
    }

    @Override
    public Address getDestination() {
        return destination;
    }

    @Override
    public void ready(int readyOps) {
        SocketChannel open = channel;
        if (state != State.CONNECTING || open == null) {
            return;
        }
        try {
            if (open.finishConnect()) {
                connected(open);
            }
        } catch (IOException e) {
            failed(connectError(e));
        }
    }

    @Override
    public void reactorShutdown() {
        if (state == State.CONNECTING) {
            failed(new ConnectError("the reactor shut down before the connection was made"));
        }
    }

    /** Told by the connection this connector made that it has ended. */
    void connectionLost(Failure reason) {
        state = State.DISCONNECTED;
        connection = null;
        try {
            factory.clientConnectionLost(this, reason);
        } finally {
            stopFactoryIfIdle();
        }
    }

    private void resolved(long thisAttempt, String address) {
        if (thisAttempt != attempt || state != State.CONNECTING) {
            return;
        }
        try {
            InetAddress resolved = InetAddress.getByName(address);
            SocketChannel open = SocketChannel.open(resolved instanceof Inet6Address
                    ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
            channel = open;
            open.configureBlocking(false);
            if (bindAddress != null) {
                open.bind(bindAddress);
            }
            boolean done = open.connect(new InetSocketAddress(resolved, port));
            open.register(reactor.selector(), done ? 0 : SelectionKey.OP_CONNECT, this);
            if (done) {
                connected(open);
            }
        } catch (IOException e) {
            failed(connectError(e));
        }
    }

    private void connected(SocketChannel open) throws IOException {
        cancelTimeout();
        state = State.CONNECTED;
        channel = null;
        SelectionKey key = open.keyFor(reactor.selector());
        Protocol protocol;
        try {
            protocol = factory.buildProtocol(Sockets.remote(open));
        } catch (RuntimeException e) {
            ReactorLog.error("the factory " + factory + " failed to build a protocol", e);
            protocol = null;
        }
        if (protocol == null) {
            key.cancel();
            open.close();
            state = State.CONNECTING;
            failed(new ConnectError("the factory built no protocol for " + destination));
            return;
        }
        TcpConnection made = new TcpConnection(reactor, key, protocol, this);
        connection = made;
        made.start();
    }

    private void failed(ConnectError reason) {
        if (state != State.CONNECTING) {
            return;
        }
        attempt++;
        cancelTimeout();
        SocketChannel open = channel;
        channel = null;
        if (open != null) {
            try {
                open.close();
            } catch (IOException e) {
                ReactorLog.warn("error closing a failed connection attempt to " + destination, e);
            }
        }
        state = State.DISCONNECTED;
        try {
            factory.clientConnectionFailed(this, new Failure(reason));
        } finally {
            stopFactoryIfIdle();
        }
    }

    private void stopFactoryIfIdle() {
        if (state == State.DISCONNECTED && factoryStarted) {
            factoryStarted = false;
            factory.doStop();
        }
    }

    private void cancelTimeout() {
        DelayedCall call = timeoutCall;
        timeoutCall = null;
        if (call != null && call.active()) {
            call.cancel();
        }
    }

    private ConnectError connectError(IOException e) {
        if (e instanceof ConnectException && String.valueOf(e.getMessage()).contains("refused")) {
            return new ConnectionRefusedError(destination);
        }
        return new ConnectError("connecting to " + destination + " failed: " + e.getMessage(), e);
    }

    private static boolean isLiteral(String host) {
        if (host.indexOf(':') >= 0) {
            return true;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) {
                return false;
            }
        }
        return !host.isEmpty();
    }

    @Override
    public String toString() {
        return "TcpConnector[" + destination + ", " + state.name().toLowerCase() + "]";
    }
}
