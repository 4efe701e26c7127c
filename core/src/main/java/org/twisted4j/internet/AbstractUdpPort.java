package org.twisted4j.internet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;

/**
 * What a UDP port is on every reactor backend, as Twisted's {@code udp.Port} and {@code MulticastPort}: its life
 * (bound at once, stopped as Twisted stops it, closed at the reactor's shutdown), its address, where its
 * datagrams may go, its connection to one peer and the refusals that peer's host reports, and its multicast
 * controls. A backend supplies the socket: it binds one ({@link #bind}), reads from it and hands each datagram
 * to {@link #received}, stops reading ({@link #stopReading}), closes it ({@link #close}), sends
 * ({@link #send}), connects it ({@link #connectSocket}) and gives its multicast options
 * ({@link #multicastOptions}).
 *
 * <h2>Stopping</h2>
 * {@link #stopListening()} stops reading now and stops the protocol on a later turn, while the socket is still
 * open (its {@code stopProtocol} may send a last datagram); then the socket closes and the Deferred fires. A
 * backend calls {@link #stopNow()} when its reactor shuts down, which runs no more timed calls: a stop under way
 * then finishes at once.
 *
 * <h2>Threading</h2>
 * Reactor thread only; before the reactor runs, the thread that will run it.
 */
public abstract class AbstractUdpPort implements ListeningPort, MulticastTransport {
    private final ReactorBackend reactor;
    private final int port;
    private final DatagramProtocol protocol;
    private final String bindInterface;
    private final int maxPacketSize;
    private final boolean listenMultiple;
    private boolean open;
    private @Nullable Address host;
    private @Nullable InetSocketAddress connectedTo;
    private @Nullable UdpMulticast multicast;
    private @Nullable List<Deferred<@Nullable Void>> closing;
    /** The turn that finishes a stop under way, which a shutdown in between does at once instead. */
    private @Nullable DelayedCall pendingStop;

    /**
     * Makes a port that is not listening yet: {@link #startListening()} binds it.
     *
     * @param reactor the reactor whose thread reads and stops the port
     * @param port the port, or 0 for one the system picks
     * @param protocol receives the datagrams
     * @param bindInterface the local address to listen on; empty for every IPv4 interface
     * @param maxPacketSize the largest datagram read, in bytes
     * @param listenMultiple whether other sockets may listen on the same port ({@code SO_REUSEADDR} and
     *     {@code SO_REUSEPORT}), as {@link ReactorMulticast#listenMulticast} asks
     * @throws IllegalArgumentException if {@code port} is outside 0 to 65535 or {@code maxPacketSize} is not
     *     positive
     */
    protected AbstractUdpPort(ReactorBackend reactor, int port, DatagramProtocol protocol, String bindInterface,
            int maxPacketSize, boolean listenMultiple) {
        Ports.check(port);
        if (maxPacketSize <= 0) {
            throw new IllegalArgumentException("maxPacketSize must be positive, not " + maxPacketSize);
        }
        this.reactor = reactor;
        this.port = port;
        this.protocol = protocol;
        this.bindInterface = bindInterface;
        this.maxPacketSize = maxPacketSize;
        this.listenMultiple = listenMultiple;
    }

    // ---- what the backend supplies ----

    /**
     * Opens a socket, binds it to {@code address} and begins reading from it (once the reactor runs).
     *
     * @param address where to bind
     * @param reuseAddress whether to set {@code SO_REUSEADDR}
     * @param reusePort whether to set {@code SO_REUSEPORT}
     * @return the address the socket is bound to
     * @throws IOException if it cannot be opened or bound; the backend has closed it then
     */
    protected abstract InetSocketAddress bind(InetSocketAddress address, boolean reuseAddress, boolean reusePort)
            throws IOException;

    /** Returns the reactor's agreement on shared ports if it is a member of a group, else null. */
    protected abstract @Nullable PortSharing portSharing();

    /** Returns the reactor's index in its group (0 if it is alone). */
    protected abstract int groupIndex();

    /** Stops reading datagrams: a stop has begun. */
    protected abstract void stopReading();

    /**
     * Closes the socket and runs {@code closed} on the reactor's thread once it is closed.
     *
     * @param atShutdown whether the reactor is shutting down, and should wait for the close
     * @param closed what to run once the socket is closed
     */
    protected abstract void close(boolean atShutdown, Runnable closed);

    /**
     * Sends one datagram without moving {@code packet}'s position.
     *
     * @param packet the datagram, which the caller may reuse once this returns
     * @param target where to, or null for the connected peer
     */
    protected abstract void send(ByteBuffer packet, @Nullable InetSocketAddress target);

    /**
     * Connects the socket to {@code peer}, which from now on is the only one heard.
     *
     * @throws IOException if the socket cannot be connected
     */
    protected abstract void connectSocket(InetSocketAddress peer) throws IOException;

    /** Returns the multicast options of the socket {@link #bind} opened. */
    protected abstract MulticastOptions multicastOptions();

    // ---- for the backend ----

    /** Returns the largest datagram read, in bytes. */
    protected final int maxPacketSize() {
        return maxPacketSize;
    }

    /** Returns the peer this port is connected to, or null. */
    protected final @Nullable InetSocketAddress connectedTo() {
        return connectedTo;
    }

    /** Returns whether datagrams read now go to the protocol: the port listens and no stop has begun. */
    protected final boolean isReading() {
        return open && closing == null;
    }

    /** Hands a datagram read from {@code from} to the protocol, logging what it throws. */
    protected final void received(ByteBuffer data, Address from) {
        guarded("datagramReceived", () -> protocol.datagramReceived(data, from));
    }

    /**
     * Tells the protocol that its peer refused a datagram, if this port is connected; an unconnected port is not
     * told, as in Twisted, since it cannot know which of its peers refused.
     */
    protected final void refused() {
        if (connectedTo != null) {
            guarded("connectionRefused", protocol::connectionRefused);
        }
    }

    /** Stops at once, a stop under way too: the reactor is shutting down and runs no more timed calls. */
    protected final void stopNow() {
        if (!open) {
            return;
        }
        List<Deferred<@Nullable Void>> waiters = closing;
        if (waiters == null) {
            waiters = new ArrayList<>();
            closing = waiters;
        }
        DelayedCall pending = pendingStop;
        if (pending != null) {
            pending.cancel();
        }
        finishStopping(waiters, true);
    }

    // ---- ListeningPort ----

    @Override
    public final void startListening() {
        if (open || closing != null) {
            throw new IllegalStateException((open ? "already listening on " : "still closing ") + host);
        }
        InetSocketAddress bound;
        try {
            bound = bindShared(InetAddress.getByName(bindInterface.isEmpty() ? "0.0.0.0" : bindInterface));
        } catch (IOException e) {
            throw new CannotListenError(bindInterface, port, e);
        }
        host = UdpAddresses.address(bound);
        multicast = new UdpMulticast(reactor, multicastOptions(), bound.getAddress() instanceof Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        open = true;
        connectedTo = null;
        protocol.makeConnection(this);
    }

    /**
     * Binds the socket: alone, or in a {@link ReactorGroup} with {@code SO_REUSEPORT} on the port the group
     * agrees ({@link PortSharing}), so that every member's copy of a UDP server shares it.
     */
    private InetSocketAddress bindShared(InetAddress address) throws IOException {
        PortSharing sharing = portSharing();
        if (sharing == null) {
            return bind(new InetSocketAddress(address, port), listenMultiple, listenMultiple);
        }
        List<InetSocketAddress> bound = new ArrayList<>(1);
        sharing.bind(groupIndex(), bindInterface, "udp:" + protocol.getClass().getName(), port, agreed -> {
            bound.add(bind(new InetSocketAddress(address, agreed), listenMultiple, true));
            return bound.getFirst().getPort();
        });
        return bound.getFirst();
    }

    @Override
    public final Deferred<@Nullable Void> stopListening() {
        Deferred<@Nullable Void> done = new Deferred<>();
        List<Deferred<@Nullable Void>> waiting = closing;
        if (waiting != null) {
            waiting.add(done);
            return done;
        }
        if (!open) {
            done.callback(null);
            return done;
        }
        List<Deferred<@Nullable Void>> waiters = new ArrayList<>();
        waiters.add(done);
        closing = waiters;
        stopReading();
        pendingStop = reactor.callLater(0, () -> finishStopping(waiters, false));
        return done;
    }

    /** Stops the protocol, then closes the socket and fires the waiters once it is closed. */
    private void finishStopping(List<Deferred<@Nullable Void>> waiters, boolean atShutdown) {
        pendingStop = null;
        try {
            protocol.doStop();
        } finally {
            open = false;
            close(atShutdown, () -> {
                closing = null;
                for (Deferred<@Nullable Void> waiter : waiters) {
                    waiter.callback(null);
                }
            });
        }
    }

    @Override
    public final Address getHost() {
        Address current = host;
        if (current == null) {
            throw new IllegalStateException("the port has never listened");
        }
        return current;
    }

    // ---- DatagramTransport ----

    @Override
    public final void write(ByteBuffer packet, Address to) {
        if (connectedTo != null) {
            throw new IllegalStateException("this port is connected to " + connectedTo + "; use write(packet)");
        }
        InetSocketAddress target = UdpAddresses.target(to, host);
        checkOpen();
        send(packet, target);
    }

    @Override
    public final void write(ByteBuffer packet) {
        if (connectedTo == null) {
            throw new IllegalStateException("this port is not connected; use write(packet, address)");
        }
        checkOpen();
        send(packet, null);
    }

    @Override
    public final void connect(String host, int port) {
        if (connectedTo != null) {
            throw new IllegalStateException("already connected to " + connectedTo
                    + "; connecting again is not supported");
        }
        InetSocketAddress peer = UdpAddresses.target(host, port);
        checkOpen();
        try {
            connectSocket(peer);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect " + this + " to " + peer, e);
        }
        connectedTo = peer;
    }

    // ---- MulticastTransport ----

    @Override
    public final String getOutgoingInterface() {
        return multicast().getOutgoingInterface();
    }

    @Override
    public final Deferred<@Nullable Void> setOutgoingInterface(String address) {
        return multicast().setOutgoingInterface(address);
    }

    @Override
    public final boolean getLoopbackMode() {
        return multicast().getLoopbackMode();
    }

    @Override
    public final void setLoopbackMode(boolean enabled) {
        multicast().setLoopbackMode(enabled);
    }

    @Override
    public final int getTTL() {
        return multicast().getTTL();
    }

    @Override
    public final void setTTL(int ttl) {
        multicast().setTTL(ttl);
    }

    @Override
    public final Deferred<@Nullable Void> joinGroup(String group, String bindInterface) {
        return multicast().join(group, bindInterface, true);
    }

    @Override
    public final Deferred<@Nullable Void> leaveGroup(String group, String bindInterface) {
        return multicast().join(group, bindInterface, false);
    }

    // ---- helpers ----

    /**
     * Checks that the port listens.
     *
     * @throws IllegalStateException if it does not
     */
    protected final void checkOpen() {
        if (!open) {
            throw new IllegalStateException("the port is not listening: " + this);
        }
    }

    private UdpMulticast multicast() {
        checkOpen();
        UdpMulticast current = multicast;
        if (current == null) {
            throw new IllegalStateException("the port has never listened");
        }
        return current;
    }

    private void guarded(String callback, Runnable call) {
        try {
            call.run();
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable error) {
            ReactorLog.error(protocol.getClass().getName() + "." + callback + " threw on " + this, error);
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + (host != null ? host : bindInterface + ":" + port)
                + (connectedTo != null ? " -> " + connectedTo : "") + ", " + protocol + "]";
    }
}
