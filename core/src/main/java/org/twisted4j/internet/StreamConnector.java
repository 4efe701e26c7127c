package org.twisted4j.internet;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Failure;

/**
 * An outgoing stream connection of a {@link NioReactor}, from the attempt to the end: connects without
 * blocking, enforces the timeout, and tells the {@link ClientFactory} how it went. The subclasses say how
 * to find and open the socket (a TCP host to resolve, a UNIX socket path). Reactor thread only.
 */
abstract sealed class StreamConnector extends Selectable implements Connector permits TcpConnector, UnixConnector {

    private enum State { DISCONNECTED, CONNECTING, CONNECTED }

    final NioReactor reactor;
    private final ClientFactory factory;
    private final double timeout;
    private final Address destination;
    private State state = State.DISCONNECTED;
    private boolean factoryStarted;
    private long attempt;
    private @Nullable SocketChannel channel;
    private @Nullable DelayedCall timeoutCall;
    private @Nullable StreamConnection connection;

    StreamConnector(NioReactor reactor, ClientFactory factory, double timeout, Address destination) {
        this.reactor = reactor;
        this.factory = factory;
        this.timeout = timeout;
        this.destination = destination;
    }

    /**
     * Starts the attempt numbered {@code thisAttempt}: finds the peer, then calls {@link #connectChannel}
     * or {@link #failed}, from a later turn of the reactor so that the factory hears of the attempt first.
     */
    abstract void begin(long thisAttempt);

    /** Wraps a connected, registered channel in the transport for this kind of socket. */
    abstract StreamConnection newConnection(SelectionKey key, Protocol protocol);

    @Override
    public final void connect() {
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
        begin(thisAttempt);
        factory.startedConnecting(this);
    }

    @Override
    public final void disconnect() {
        switch (state) {
            case CONNECTING -> stopConnecting();
            case CONNECTED -> {
                StreamConnection current = connection;
                if (current != null) {
                    current.loseConnection();
                }
            }
            case DISCONNECTED -> { }
        }
    }

    @Override
    public final void stopConnecting() {
        if (state != State.CONNECTING) {
            throw new IllegalStateException("not connecting: " + this);
        }
        failed(new UserError());
    }

    @Override
    public final Address getDestination() {
        return destination;
    }

    @Override
    public final void ready(int readyOps) {
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
    public final void reactorShutdown() {
        if (state == State.CONNECTING) {
            failed(new ConnectError("the reactor shut down before the connection was made"));
        }
    }

    /** Told by the connection this connector made that it has ended. */
    final void connectionLost(Failure reason) {
        state = State.DISCONNECTED;
        connection = null;
        try {
            factory.clientConnectionLost(this, reason);
        } finally {
            stopFactoryIfIdle();
        }
    }

    /** Returns whether {@code thisAttempt} is the attempt under way. */
    final boolean isCurrent(long thisAttempt) {
        return thisAttempt == attempt && state == State.CONNECTING;
    }

    /**
     * Connects {@code open}, a new channel of this attempt, to {@code remote} without blocking; the outcome
     * reaches the factory. Closes the channel if the attempt ends first.
     */
    final void connectChannel(SocketChannel open, SocketAddress remote) {
        channel = open;
        try {
            open.configureBlocking(false);
            boolean done = open.connect(remote);
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
        StreamConnection made = newConnection(key, protocol);
        connection = made;
        made.start();
    }

    /** Ends the attempt under way, if any, with {@code reason}. */
    final void failed(ConnectError reason) {
        if (state != State.CONNECTING) {
            return;
        }
        attempt++;
        cancelTimeout();
        SocketChannel open = channel;
        channel = null;
        Sockets.closeQuietly(open);
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

    /** Returns the error a failed connect means: a refusal, or a plain connect error with the reason. */
    final ConnectError connectError(IOException e) {
        if (e instanceof ConnectException && String.valueOf(e.getMessage()).contains("refused")) {
            return new ConnectionRefusedError(destination);
        }
        return new ConnectError("connecting to " + destination + " failed: " + e.getMessage(), e);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + destination + ", " + state.name().toLowerCase() + "]";
    }
}
