package org.twisted4j.nativeio;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.ServerChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.channel.unix.UnixChannelOption;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.CannotListenError;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.PortSharing;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.UnixSocketLock;

/**
 * A listening TCP or UNIX socket of a {@link NativeReactor}: accepted channels get a protocol from the factory
 * and a {@link NativeConnection}. Binding happens on the reactor's thread, where Netty completes it at once, so
 * a port that cannot be bound is a {@link CannotListenError} from the call that asked; before the reactor runs,
 * a TCP socket is bound by the transport at once, and a UNIX socket's path is claimed at once and the socket
 * bound as the loop starts. In a
 * {@link org.twisted4j.internet.ReactorGroup}, a TCP port is one of the members' sockets on a shared port
 * ({@code SO_REUSEPORT}, the port agreed by {@link PortSharing}). A UNIX socket's path may have a lock file
 * ({@link UnixSocketLock}), taken before binding and released after the socket file is removed. Reactor thread
 * only.
 */
@ChannelHandler.Sharable // added again to the new channel when a stopped port starts listening again
final class NativePort extends ChannelInboundHandlerAdapter implements ListeningPort {
    private final NativeReactor reactor;
    private final Factory factory;
    private final SocketAddress address;
    /** The interface as given to listenTCP, which the group's port agreement goes by; empty for UNIX. */
    private final String bindInterface;
    private final int backlog;
    private final int mode;
    /** Whether a UNIX socket's path gets a lock file ({@code wantPID}). */
    private final boolean wantPID;
    private final Runnable closer = this::close;
    private @Nullable ServerChannel channel;
    private @Nullable Address host;
    private @Nullable UnixSocketLock lock;

    private NativePort(NativeReactor reactor, Factory factory, SocketAddress address, String bindInterface,
            int backlog, int mode, boolean wantPID) {
        this.reactor = reactor;
        this.factory = factory;
        this.address = address;
        this.bindInterface = bindInterface;
        this.backlog = backlog;
        this.mode = mode;
        this.wantPID = wantPID;
    }

    /** Returns the TCP address for {@code port} on {@code bindInterface} (all IPv4 interfaces if empty). */
    static SocketAddress tcp(int port, String bindInterface) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 to 65535, not " + port);
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(bindInterface.isEmpty() ? "0.0.0.0" : bindInterface),
                    port);
        } catch (UnknownHostException e) {
            throw new CannotListenError(bindInterface, port, e);
        }
    }

    static NativePort listenTcp(NativeReactor reactor, Factory factory, int port, String bindInterface,
            int backlog) {
        NativePort listening = new NativePort(reactor, factory, tcp(port, bindInterface), bindInterface, backlog, -1,
                false);
        listening.startListening();
        return listening;
    }

    static NativePort listenUnix(NativeReactor reactor, Factory factory, Path path, int backlog, int mode,
            boolean wantPID) {
        NativePort port = new NativePort(reactor, factory, new DomainSocketAddress(path.toString()), "", backlog,
                mode, wantPID);
        port.startListening();
        return port;
    }

    static NativePort listenUnixAbstract(NativeReactor reactor, Factory factory, String name, int backlog) {
        NativePort port = new NativePort(reactor, factory, NativeConnection.abstractSocketAddress(name), "", backlog,
                -1, false);
        port.startListening();
        return port;
    }

    @Override
    public void startListening() {
        if (channel != null) {
            return;
        }
        boolean unix = address instanceof DomainSocketAddress;
        if (!unix && !reactor.loopStarted()) {
            listening(openBeforeRun());
            return;
        }
        if (unix && !((DomainSocketAddress) address).path().startsWith("\0")) {
            claimSocketFile(Path.of(((DomainSocketAddress) address).path()));
        }
        ServerChannel opened = reactor.transport().serverChannel(unix);
        opened.config().setOption(ChannelOption.SO_BACKLOG, backlog);
        if (!unix) {
            opened.config().setOption(ChannelOption.SO_REUSEADDR, true);
        }
        opened.pipeline().addLast(this);
        ChannelFuture registering = reactor.loop().register(opened);
        if (!reactor.loopStarted()) {
            registering.addListener(done -> bindAtStart(opened, registering));
            listening(opened);
            return;
        }
        try {
            bindRegistered(opened, registering);
        } catch (IOException e) {
            opened.close();
            releaseLock();
            throw new CannotListenError(describeInterface(), describePort(), e);
        }
        listening(opened);
    }

    /** Binds a channel whose registration has completed, and sets a UNIX socket file's mode. */
    private void bindRegistered(ServerChannel opened, ChannelFuture registering) throws IOException {
        doneHere(registering, "registering");
        bind(opened);
        if (address instanceof DomainSocketAddress unix && mode >= 0) {
            setMode(unix.path(), mode);
        }
    }

    /**
     * Binds a UNIX socket opened before the reactor runs, as the loop starts and before the reactor's startup:
     * Netty binds registered channels only, and only the running loop registers them (io_uring's UNIX server
     * channel cannot adopt a socket bound beforehand, as a TCP port's does). Its path was claimed when it was
     * opened; a bind that fails now is logged and the port stops.
     */
    private void bindAtStart(ServerChannel opened, ChannelFuture registering) {
        if (channel != opened) {
            return; // stopped before the reactor ran
        }
        try {
            bindRegistered(opened, registering);
        } catch (IOException e) {
            NativeReactor.LOG.failure("listening on {port} failed", new Failure(e), "port", this);
            stopListening();
        }
    }

    /**
     * Takes the lock of a UNIX socket's path if asked, which removes a dead holder's socket file, and refuses a
     * path something is still at, as NIO's bind does: Netty's native bind would remove whatever is there, a live
     * server's socket included.
     */
    private void claimSocketFile(Path path) {
        try {
            if (wantPID) {
                lock = UnixSocketLock.take(path);
            }
            if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                throw new BindException("Address already in use: " + path);
            }
        } catch (IOException e) {
            releaseLock();
            throw new CannotListenError(describeInterface(), describePort(), e);
        }
    }

    private void listening(ServerChannel opened) {
        channel = opened;
        host = NativeConnection.address(opened.isActive() ? opened.localAddress() : address); // UNIX: bound later
        factory.doStart();
        reactor.remember(closer);
    }

    /**
     * Opens the TCP socket before the reactor runs: Netty registers and binds channels on the running loop only,
     * so the transport binds the socket now ({@link NativeTransport#listeningTcpChannel}), alone or on the port
     * the group agrees, and the channel is registered with the loop, where accepting begins once it runs.
     */
    private ServerChannel openBeforeRun() {
        InetSocketAddress inet = (InetSocketAddress) address;
        PortSharing sharing = reactor.portSharing();
        List<ServerChannel> opened = new ArrayList<>(1);
        try {
            if (sharing == null) {
                opened.add(reactor.transport().listeningTcpChannel(inet, backlog, false));
            } else {
                sharing.bind(reactor.groupIndex(), bindInterface, factory.getClass().getName(), inet.getPort(),
                        agreed -> {
                            ServerChannel bound = reactor.transport().listeningTcpChannel(
                                    new InetSocketAddress(inet.getAddress(), agreed), backlog, true);
                            opened.add(bound);
                            return ((InetSocketAddress) bound.localAddress()).getPort();
                        });
            }
        } catch (IOException e) {
            throw new CannotListenError(describeInterface(), describePort(), e);
        }
        ServerChannel bound = opened.getFirst();
        bound.pipeline().addLast(this);
        reactor.loop().register(bound).addListener(done -> {
            if (!done.isSuccess() && bound.isOpen()) {
                NativeReactor.LOG.failure("registering {port} failed", new Failure(done.cause()), "port", this);
                bound.unsafe().closeForcibly();
            }
        });
        return bound;
    }

    /**
     * Binds {@code opened}: alone, or in a group with {@code SO_REUSEPORT} on the port the group agrees. The bind
     * completes before this returns (it runs on the reactor's own loop), so the agreed port is known at once.
     */
    private void bind(ServerChannel opened) throws IOException {
        PortSharing sharing = reactor.portSharing();
        if (sharing == null || !(address instanceof InetSocketAddress inet)) {
            doneHere(opened.bind(address), "binding");
            return;
        }
        if (!opened.config().setOption(UnixChannelOption.SO_REUSEPORT, true)) {
            throw new IOException("SO_REUSEPORT cannot be set on " + opened);
        }
        sharing.bind(reactor.groupIndex(), bindInterface, factory.getClass().getName(), inet.getPort(), agreed -> {
            doneHere(opened.bind(new InetSocketAddress(inet.getAddress(), agreed)), "binding");
            return ((InetSocketAddress) opened.localAddress()).getPort();
        });
    }

    /** Checks that {@code future}, begun on the reactor's thread, completed there at once and succeeded. */
    private static void doneHere(ChannelFuture future, String what) throws IOException {
        if (!future.isDone()) {
            throw new IOException(what + " did not complete on the reactor's thread");
        }
        Throwable cause = future.cause();
        if (cause instanceof IOException failed) {
            throw failed;
        }
        if (cause != null) {
            throw new IOException(what + " failed: " + cause, cause);
        }
    }

    private String describeInterface() {
        return switch (address) {
            case InetSocketAddress inet -> inet.getHostString();
            case DomainSocketAddress unix when unix.path().startsWith("\0") -> "@" + unix.path().substring(1);
            case DomainSocketAddress unix -> unix.path();
            default -> address.toString();
        };
    }

    private int describePort() {
        return address instanceof InetSocketAddress inet ? inet.getPort() : 0;
    }

    private static void setMode(String path, int mode) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ ... OTHERS_EXECUTE, high bit first
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << (bits.length - 1 - i))) != 0) {
                permissions.add(bits[i]);
            }
        }
        try {
            Files.setPosixFilePermissions(Path.of(path), permissions);
        } catch (IOException | UnsupportedOperationException e) {
            NativeReactor.LOG.warn("cannot set the mode of {path}: {error}", "path", path, "error", e.toString());
        }
    }

    @Override
    public Deferred<@Nullable Void> stopListening() {
        Deferred<@Nullable Void> stopped = new Deferred<>();
        ServerChannel open = channel;
        if (open == null) {
            stopped.callback(null);
            return stopped;
        }
        channel = null;
        reactor.forget(closer);
        if (!reactor.loopStarted()) { // the loop would close it only once running: closed here, now
            open.unsafe().closeForcibly();
            releaseLock();
            factory.doStop();
            stopped.callback(null);
            return stopped;
        }
        open.close().addListener(done -> reactor.turn(() -> {
            removeSocketFile();
            releaseLock();
            factory.doStop();
            stopped.callback(null);
        }));
        return stopped;
    }

    private void close() {
        ServerChannel open = channel;
        if (open != null) {
            channel = null;
            reactor.closingAtShutdown(open.close());
            removeSocketFile();
            releaseLock();
            factory.doStop();
        }
    }

    private void removeSocketFile() {
        if (address instanceof DomainSocketAddress unix && !unix.path().startsWith("\0")) {
            try {
                Files.deleteIfExists(Path.of(unix.path()));
            } catch (IOException e) {
                NativeReactor.LOG.warn("cannot remove {path}: {error}", "path", unix.path(), "error", e.toString());
            }
        }
    }

    private void releaseLock() {
        UnixSocketLock held = lock;
        lock = null;
        if (held != null) {
            try {
                held.release();
            } catch (IOException | IllegalStateException e) {
                NativeReactor.LOG.warn("cannot release {lock}: {error}", "lock", held, "error", e.toString());
            }
        }
    }

    @Override
    public Address getHost() {
        Address bound = host;
        if (bound == null) {
            throw new IllegalStateException("not listening: " + this);
        }
        return bound;
    }

    // ---- accepting ----

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Channel child = (Channel) msg;
        reactor.turn(() -> accept(child));
    }

    private void accept(Channel child) {
        if (channel == null) {
            child.unsafe().closeForcibly();
            return;
        }
        Protocol protocol;
        try {
            protocol = factory.buildProtocol(NativeConnection.address(child.remoteAddress()));
        } catch (RuntimeException e) {
            NativeReactor.LOG.failure("the factory {factory} failed to build a protocol", new Failure(e),
                    "factory", factory);
            protocol = null;
        }
        if (protocol == null) {
            child.unsafe().closeForcibly();
            return;
        }
        NativeConnection.configure(reactor, child);
        NativeConnection connection = NativeConnection.of(reactor, child, protocol, null);
        child.pipeline().addLast(connection);
        ChannelFuture registered = reactor.loop().register(child);
        if (registered.isDone() && registered.isSuccess()) {
            connection.start();
        } else {
            registered.addListener(done -> reactor.turn(() -> {
                if (done.isSuccess()) {
                    connection.start();
                } else {
                    child.unsafe().closeForcibly();
                }
            }));
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        NativeReactor.LOG.failure("accepting on {port} failed", new Failure(cause), "port", this);
    }

    @Override
    public String toString() {
        return "NativePort[" + address + "]";
    }
}
