package org.twisted4j.internet;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;

/**
 * A listening stream socket of a {@link NioReactor}, TCP or UNIX, opened by it or adopted: accepts
 * connections and gives each a protocol from its factory. The subclasses open the socket and make the
 * transports. Reactor thread only.
 */
abstract sealed class StreamPort extends Selectable implements ListeningPort permits TcpPort, UnixPort, AdoptedPort {
    /** The most connections accepted in one turn, so that a flood cannot starve other work. */
    private static final int MAX_ACCEPTS_PER_TURN = 128;

    final NioReactor reactor;
    final Factory factory;
    final int backlog;
    private @Nullable ServerSocketChannel channel;
    private @Nullable SelectionKey key;
    private @Nullable Address host;
    private @Nullable List<Deferred<@Nullable Void>> closing;

    StreamPort(NioReactor reactor, Factory factory, int backlog) {
        this.reactor = reactor;
        this.factory = factory;
        this.backlog = backlog;
    }

    /**
     * Opens and binds the listening socket.
     *
     * @throws CannotListenError if it cannot be had; nothing is left open then
     */
    abstract ServerSocketChannel open();

    /** Returns the error for a socket that cannot listen because of {@code cause}. */
    abstract CannotListenError cannotListen(Exception cause);

    /** Called once the listening socket is closed, to clean up what {@link #open()} left behind. */
    void closed() {
    }

    /** Wraps an accepted, registered channel in the transport for this kind of socket. */
    abstract StreamConnection newConnection(SelectionKey key, Protocol protocol);

    @Override
    public final void startListening() {
        if (channel != null) {
            throw new IllegalStateException("already listening on " + host);
        }
        if (closing != null) {
            throw new IllegalStateException("still closing " + host);
        }
        ServerSocketChannel opened = open();
        try {
            opened.configureBlocking(false);
            key = opened.register(reactor.selector(), SelectionKey.OP_ACCEPT, this);
            host = Sockets.local(opened);
        } catch (IOException | RuntimeException e) {
            Sockets.closeQuietly(opened);
            closed();
            throw cannotListen(e);
        }
        channel = opened;
        factory.doStart();
    }

    @Override
    public final Deferred<@Nullable Void> stopListening() {
        Deferred<@Nullable Void> done = new Deferred<>();
        List<Deferred<@Nullable Void>> waiting = closing;
        if (waiting != null) {
            waiting.add(done);
            return done;
        }
        ServerSocketChannel open = channel;
        if (open == null) {
            done.callback(null);
            return done;
        }
        List<Deferred<@Nullable Void>> waiters = new ArrayList<>();
        waiters.add(done);
        closing = waiters;
        channel = null;
        if (key != null) {
            key.cancel();
        }
        Sockets.closeQuietly(open);
        reactor.afterNextSelect(() -> {
            closing = null;
            try {
                closed();
                factory.doStop();
            } finally {
                for (Deferred<@Nullable Void> waiter : waiters) {
                    waiter.callback(null);
                }
            }
        });
        return done;
    }

    @Override
    public final Address getHost() {
        Address current = host;
        if (current == null) {
            throw new IllegalStateException("the port has never listened");
        }
        return current;
    }

    @Override
    public final void ready(int readyOps) {
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
            Sockets.closeQuietly(accepted);
            return;
        } catch (RuntimeException e) {
            ReactorLog.error("the factory " + factory + " of " + this + " failed to build a protocol", e);
            Sockets.closeQuietly(accepted);
            return;
        }
        if (protocol == null) {
            acceptedKey.cancel();
            Sockets.closeQuietly(accepted);
            return;
        }
        StreamConnection connection;
        try {
            connection = newConnection(acceptedKey, protocol);
        } catch (RuntimeException e) {
            ReactorLog.warn("a connection accepted on " + this + " broke before it started", e);
            Sockets.closeQuietly(accepted);
            return;
        }
        connection.start();
    }

    @Override
    public final void reactorShutdown() {
        stopListening();
    }

    /** Returns whether the socket is open. */
    final boolean isListening() {
        return channel != null;
    }
}
