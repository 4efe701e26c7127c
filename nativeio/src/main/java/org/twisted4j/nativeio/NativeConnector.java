package org.twisted4j.nativeio;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.unix.DomainSocketAddress;
import java.io.FileNotFoundException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.AddressType;
import org.twisted4j.internet.BadFileError;
import org.twisted4j.internet.ClientFactory;
import org.twisted4j.internet.ConnectError;
import org.twisted4j.internet.ConnectionRefusedError;
import org.twisted4j.internet.ConnectionTimeoutError;
import org.twisted4j.internet.Connector;
import org.twisted4j.internet.DelayedCall;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.UNIXAddress;
import org.twisted4j.internet.UnixSocketLock;
import org.twisted4j.internet.UserError;

/**
 * A client connection attempt of a {@link NativeReactor}, as core's connectors: the factory hears
 * {@code startedConnecting}, then either a connection or {@code clientConnectionFailed} (refused, timed out,
 * cancelled), and {@code clientConnectionLost} when a made connection ends; {@link #connect()} tries again.
 * Host names are resolved off the reactor's thread. An attempt may begin before the reactor runs: the socket is
 * opened once it runs. Reactor thread only.
 */
final class NativeConnector implements Connector {
    private enum State { DISCONNECTED, CONNECTING, CONNECTED }

    /** Where to connect: the address to show, and how to get the socket address (which may block). */
    record Destination(Address address, Callable<SocketAddress> resolve, boolean local) {
    }

    private final NativeReactor reactor;
    private final Destination destination;
    private final boolean unix;
    private final ClientFactory factory;
    private final double timeout;
    private final @Nullable InetSocketAddress bindAddress;
    private final Runnable closer = this::closeAtShutdown;
    private State state = State.DISCONNECTED;
    private long attempt;
    private boolean factoryStarted;
    private @Nullable DelayedCall timeoutCall;
    private @Nullable Channel channel;
    private @Nullable NativeConnection connection;

    private NativeConnector(NativeReactor reactor, Destination destination, boolean unix, ClientFactory factory,
            double timeout, @Nullable InetSocketAddress bindAddress) {
        this.reactor = reactor;
        this.destination = destination;
        this.unix = unix;
        this.factory = factory;
        this.timeout = timeout;
        this.bindAddress = bindAddress;
    }

    static Destination tcp(String host, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 to 65535, not " + port);
        }
        return new Destination(new IPv4Address(AddressType.TCP, host, port),
                () -> new InetSocketAddress(InetAddress.getByName(host), port), false);
    }

    static Destination unix(Path path, boolean checkPID) {
        return new Destination(new UNIXAddress(path), () -> {
            if (checkPID && !UnixSocketLock.isHeld(path)) {
                throw new BadFileError(path); // no running server holds the socket's lock
            }
            return new DomainSocketAddress(path.toString());
        }, true);
    }

    static Destination unixAbstract(String name) {
        return new Destination(UNIXAddress.abstractName(name), () -> NativeConnection.abstractSocketAddress(name),
                true);
    }

    static NativeConnector start(NativeReactor reactor, Destination destination, boolean unix, ClientFactory factory,
            double timeout, @Nullable InetSocketAddress bindAddress) {
        NativeConnector connector = new NativeConnector(reactor, destination, unix, factory, timeout, bindAddress);
        connector.connect();
        return connector;
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
        reactor.remember(closer);
        timeoutCall = reactor.callLater(timeout, () -> {
            timeoutCall = null;
            failed(new ConnectionTimeoutError(destination.address(), timeout));
        });
        Deferred<SocketAddress> resolved = reactor.deferToThread(destination.resolve());
        // Resolution may finish before startedConnecting: its outcome always arrives on a later turn.
        resolved.addCallbacks(remote -> {
            if (isCurrent(thisAttempt)) {
                begin(thisAttempt, remote);
            }
            return null;
        }, failure -> {
            if (isCurrent(thisAttempt) && failure.value() instanceof BadFileError refused) {
                failed(refused);
            } else if (isCurrent(thisAttempt)) {
                failed(new ConnectError("cannot resolve " + destination.address() + ": "
                        + failure.getErrorMessage(), failure.value()));
            }
            return null;
        });
        factory.startedConnecting(this);
    }

    /**
     * Opens the socket and connects it; before the reactor runs (an attempt begun before {@code run()}), once it
     * runs, since only the running loop registers channels and the protocol hears of its connection after the
     * reactor's startup, as on NIO.
     */
    private void begin(long thisAttempt, SocketAddress remote) {
        if (!reactor.isRunning()) {
            reactor.callWhenRunning(() -> {
                if (isCurrent(thisAttempt)) {
                    begin(thisAttempt, remote);
                }
            });
            return;
        }
        Channel opened = reactor.transport().channel(unix).get();
        NativeConnection.configure(reactor, opened);
        channel = opened;
        ChannelFuture registered = reactor.loop().register(opened);
        if (!registered.isSuccess()) {
            failed(new ConnectError("cannot open a socket: " + registered.cause(), registered.cause()));
            return;
        }
        ChannelFuture connecting = bindAddress == null ? opened.connect(remote) : opened.connect(remote, bindAddress);
        connecting.addListener(done -> reactor.turn(() -> {
            if (!isCurrent(thisAttempt)) {
                opened.close();
            } else if (done.isSuccess()) {
                connected(opened);
            } else {
                failed(connectError(done.cause()));
            }
        }));
    }

    private void connected(Channel open) {
        cancelTimeout();
        state = State.CONNECTED;
        channel = null;
        reactor.forget(closer);
        Protocol protocol;
        try {
            protocol = factory.buildProtocol(NativeConnection.address(open.remoteAddress()));
        } catch (RuntimeException e) {
            NativeReactor.LOG.failure("the factory {factory} failed to build a protocol", new Failure(e),
                    "factory", factory);
            protocol = null;
        }
        if (protocol == null) {
            open.close();
            state = State.CONNECTING;
            failed(new ConnectError("the factory built no protocol for " + destination.address()));
            return;
        }
        NativeConnection made = NativeConnection.of(reactor, open, protocol, this);
        open.pipeline().addLast(made);
        connection = made;
        made.start();
    }

    private boolean isCurrent(long thisAttempt) {
        return thisAttempt == attempt && state == State.CONNECTING;
    }

    private void failed(ConnectError reason) {
        if (state != State.CONNECTING) {
            return;
        }
        attempt++;
        cancelTimeout();
        reactor.forget(closer);
        Channel open = channel;
        channel = null;
        if (open != null) {
            open.close();
        }
        state = State.DISCONNECTED;
        try {
            factory.clientConnectionFailed(this, new Failure(reason));
        } finally {
            stopFactoryIfIdle();
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

    private ConnectError connectError(Throwable e) {
        if (e instanceof ConnectException && String.valueOf(e.getMessage()).contains("refused")) {
            return new ConnectionRefusedError(destination.address());
        }
        return new ConnectError("connecting to " + destination.address() + " failed: " + message(e), e);
    }

    /**
     * Returns the first message along {@code e}'s causes (Netty's connect errors may carry it lower down); Netty
     * reports a missing UNIX socket file as a {@link FileNotFoundException} without one.
     */
    private static String message(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null) {
                return cause.getMessage();
            }
            if (cause instanceof FileNotFoundException) {
                return "No such file or directory";
            }
        }
        return e.toString();
    }

    private void closeAtShutdown() {
        failed(new ConnectError("the reactor shut down before the connection was made"));
    }

    @Override
    public void disconnect() {
        switch (state) {
            case CONNECTING -> stopConnecting();
            case CONNECTED -> {
                NativeConnection current = connection;
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
        return destination.address();
    }

    @Override
    public String toString() {
        return "NativeConnector[" + destination.address() + ", " + state.name().toLowerCase() + "]";
    }
}
