package org.twisted4j.internet;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;

/**
 * A listening TCP port of a {@link NioReactor}: accepts connections and gives each a protocol from its
 * factory. Reactor thread only.
 */
final class TcpPort implements ListeningPort, Selectable {
    /** The most connections accepted in one turn, so that a flood cannot starve other work. */
    private static final int MAX_ACCEPTS_PER_TURN = 128;

    private final NioReactor reactor;
    private final int port;
    private final Factory factory;
    private final int backlog;
    private final String bindInterface;
    private @Nullable ServerSocketChannel channel;
    private @Nullable SelectionKey key;
    private @Nullable Address host;
    private @Nullable List<Deferred<Void>> closing;

    TcpPort(NioReactor reactor, int port, Factory factory, int backlog, String bindInterface) {
        this.reactor = reactor;
        this.port = port;
        this.factory = factory;
        this.backlog = backlog;
        this.bindInterface = bindInterface;
    }

    @Override
    public void startListening() {
        if (channel != null) {
            throw new IllegalStateException("already listening on " + host);
        }
        if (closing != null) {
            throw new IllegalStateException("still closing " + host);
        }
        ServerSocketChannel opened = null;
        try {
            InetAddress address = InetAddress.getByName(bindInterface.isEmpty() ? "0.0.0.0" : bindInterface);
            opened = ServerSocketChannel.open(address instanceof Inet6Address
                    ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
            opened.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            opened.bind(new InetSocketAddress(address, port), backlog);
            opened.configureBlocking(false);
            key = opened.register(reactor.selector(), SelectionKey.OP_ACCEPT, this);
            host = Sockets.local(opened);
        } catch (IOException e) {
            closeQuietly(opened);
            throw new CannotListenError(bindInterface, port, e);
        }
        channel = opened;
        factory.doStart();
    }

    @Override
    public Deferred<Void> stopListening() {
        Deferred<Void> done = new Deferred<>();
        List<Deferred<Void>> waiting = closing;
        if (waiting != null) {
            waiting.add(done);
            return done;
        }
        ServerSocketChannel open = channel;
        if (open == null) {
            done.callback(null);
            return done;
        }
        List<Deferred<Void>> waiters = new ArrayList<>();
        waiters.add(done);
        closing = waiters;
        channel = null;
        if (key != null) {
            key.cancel();
        }
        closeQuietly(open);
        reactor.afterNextSelect(() -> {
            closing = null;
            try {
                factory.doStop();
            } finally {
                for (Deferred<Void> waiter : waiters) {
                    waiter.callback(null);
                }
            }
        });
        return done;
    }

    @Override
    public Address getHost() {
        Address current = host;
        if (current == null) {
            throw new IllegalStateException("the port has never listened");
        }
        return current;
    }

    @Override
    public void ready(int readyOps) {
        for (int i = 0; i < MAX_ACCEPTS_PER_TURN; i++) {
            ServerSocketChannel open = channel;
            if (open == null) {
                return;
            }
            SocketChannel accepted;
            try {
                accepted = open.accept();
            } catch (IOException e) {
                ReactorLog.error("accepting a connection on " + this + " failed", e);
                return;
            }
            if (accepted == null) {
                return;
            }
            startConnection(accepted);
        }
    }

    private void startConnection(SocketChannel accepted) {
        Protocol protocol;
        SelectionKey acceptedKey;
        try {
            accepted.configureBlocking(false);
            acceptedKey = accepted.register(reactor.selector(), 0);
            protocol = factory.buildProtocol(Sockets.remote(accepted));
        } catch (IOException e) {
            ReactorLog.warn("a connection accepted on " + this + " failed at once", e);
            closeQuietly(accepted);
            return;
        } catch (RuntimeException e) {
            ReactorLog.error("the factory " + factory + " of " + this + " failed to build a protocol", e);
            closeQuietly(accepted);
            return;
        }
        if (protocol == null) {
            acceptedKey.cancel();
            closeQuietly(accepted);
            return;
        }
        TcpConnection connection;
        try {
            connection = new TcpConnection(reactor, acceptedKey, protocol, null);
        } catch (RuntimeException e) {
            ReactorLog.warn("a connection accepted on " + this + " broke before it started", e);
            closeQuietly(accepted);
            return;
        }
        connection.start();
    }

    @Override
    public void reactorShutdown() {
        stopListening();
    }

    private static void closeQuietly(java.nio.channels.@Nullable Channel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                ReactorLog.warn("error closing " + channel, e);
            }
        }
    }

    @Override
    public String toString() {
        return "TcpPort[" + (host != null ? host : bindInterface + ":" + port) + ", " + factory + "]";
    }
}
