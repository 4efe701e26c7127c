package org.twisted4j.internet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;

/**
 * A UDP port of a {@link NioReactor}, as Twisted's {@code udp.Port} and {@code MulticastPort}: reads
 * datagrams on the reactor's thread and hands them to its {@link DatagramProtocol}, sends at once (a
 * datagram the socket has no room for is dropped, as UDP may), and can be connected to one peer. Its
 * multicast controls live in {@link UdpMulticast}. Reactor thread only.
 */
final class UdpPort extends Selectable implements ListeningPort, MulticastTransport {
    /** The most bytes read in one turn, so that a flood cannot starve other work. */
    private static final int MAX_THROUGHPUT = 256 * 1024;

    private final NioReactor reactor;
    private final int port;
    private final DatagramProtocol protocol;
    private final String bindInterface;
    private final int maxPacketSize;
    private final boolean listenMultiple;
    private final @Nullable ByteBuffer ownBuffer;
    private @Nullable DatagramChannel channel;
    private @Nullable SelectionKey key;
    private @Nullable Address host;
    private @Nullable InetSocketAddress connectedTo;
    private @Nullable UdpMulticast multicast;
    private @Nullable List<Deferred<@Nullable Void>> closing;
    private @Nullable DelayedCall pendingStop;

    UdpPort(NioReactor reactor, int port, DatagramProtocol protocol, String bindInterface, int maxPacketSize,
            boolean listenMultiple) {
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
        this.ownBuffer = maxPacketSize > NioReactor.READ_BUFFER_SIZE ? ByteBuffer.allocate(maxPacketSize) : null;
    }

    // ---- ListeningPort ----

    @Override
    public void startListening() {
        if (channel != null || closing != null) {
            throw new IllegalStateException((channel != null ? "already listening on " : "still closing ") + host);
        }
        DatagramChannel opened = null;
        try {
            InetAddress address = InetAddress.getByName(bindInterface.isEmpty() ? "0.0.0.0" : bindInterface);
            ProtocolFamily family = address instanceof Inet6Address
                    ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
            opened = DatagramChannel.open(family);
            if (listenMultiple) {
                opened.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                if (opened.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
                    opened.setOption(StandardSocketOptions.SO_REUSEPORT, true);
                }
            }
            bind(opened, address);
            opened.configureBlocking(false);
            key = opened.register(reactor.selector(), SelectionKey.OP_READ, this);
            host = Sockets.inet(opened.getLocalAddress(), AddressType.UDP);
            multicast = new UdpMulticast(reactor, opened, family);
        } catch (IOException e) {
            Sockets.closeQuietly(opened);
            throw new CannotListenError(bindInterface, port, e);
        }
        channel = opened;
        connectedTo = null;
        protocol.makeConnection(this);
    }

    /**
     * Binds the socket: alone, or in a {@link ReactorGroup} with {@code SO_REUSEPORT} on the port the group
     * agrees ({@link PortSharing}), so that every member's copy of a UDP server shares it.
     */
    private void bind(DatagramChannel opened, InetAddress address) throws IOException {
        PortSharing sharing = reactor.portSharing();
        if (sharing == null) {
            opened.bind(new InetSocketAddress(address, port));
            return;
        }
        opened.setOption(StandardSocketOptions.SO_REUSEPORT, true);
        sharing.bind(reactor.groupIndex(), bindInterface, "udp:" + protocol.getClass().getName(), port, agreed -> {
            opened.bind(new InetSocketAddress(address, agreed));
            return ((InetSocketAddress) opened.getLocalAddress()).getPort();
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>As in Twisted, reading stops now and the protocol is stopped on a later turn, while the socket is
     * still open (its {@code stopProtocol} may send a last datagram); then the socket closes.
     */
    @Override
    public Deferred<@Nullable Void> stopListening() {
        Deferred<@Nullable Void> done = new Deferred<>();
        List<Deferred<@Nullable Void>> waiting = closing;
        if (waiting != null) {
            waiting.add(done);
            return done;
        }
        DatagramChannel open = channel;
        SelectionKey openKey = key;
        if (open == null || openKey == null) {
            done.callback(null);
            return done;
        }
        List<Deferred<@Nullable Void>> waiters = new ArrayList<>();
        waiters.add(done);
        closing = waiters;
        openKey.interestOps(0);
        pendingStop = reactor.callLater(0, () -> finishStopping(open, openKey, waiters));
        return done;
    }

    private void finishStopping(DatagramChannel open, SelectionKey openKey, List<Deferred<@Nullable Void>> waiters) {
        pendingStop = null;
        try {
            protocol.doStop();
        } finally {
            channel = null;
            openKey.cancel();
            Sockets.closeQuietly(open);
            reactor.afterNextSelect(() -> {
                closing = null;
                for (Deferred<@Nullable Void> waiter : waiters) {
                    waiter.callback(null);
                }
            });
        }
    }

    @Override
    public Address getHost() {
        Address current = host;
        if (current == null) {
            throw new IllegalStateException("the port has never listened");
        }
        return current;
    }

    // ---- reading ----

    @Override
    public void ready(int readyOps) {
        int read = 0;
        while (read < MAX_THROUGHPUT && closing == null) {
            DatagramChannel open = channel;
            if (open == null) {
                return;
            }
            ByteBuffer buffer = ownBuffer != null ? ownBuffer : reactor.readBuffer();
            buffer.clear().limit(maxPacketSize);
            SocketAddress sender;
            try {
                sender = open.receive(buffer);
            } catch (PortUnreachableException e) {
                if (connectedTo != null) {
                    guarded("connectionRefused", protocol::connectionRefused);
                }
                return;
            } catch (IOException e) {
                ReactorLog.error("reading a datagram on " + this + " failed", e);
                return;
            }
            if (sender == null) {
                return;
            }
            buffer.flip();
            read += Math.max(1, buffer.remaining()); // empty datagrams count too, so a flood of them ends
            Address from = Sockets.inet(sender, AddressType.UDP);
            guarded("datagramReceived", () -> protocol.datagramReceived(buffer, from));
        }
    }

    /** Stops at once: the reactor runs no more delayed calls once it shuts down. */
    @Override
    public void reactorShutdown() {
        DatagramChannel open = channel;
        SelectionKey openKey = key;
        List<Deferred<@Nullable Void>> waiters = closing;
        if (waiters == null) {
            stopListening();
            waiters = closing;
        }
        DelayedCall pending = pendingStop;
        if (pending != null && open != null && openKey != null && waiters != null) {
            pending.cancel();
            finishStopping(open, openKey, waiters);
        }
    }

    // ---- DatagramTransport ----

    @Override
    public void write(ByteBuffer packet, Address to) {
        if (connectedTo != null) {
            throw new IllegalStateException("this port is connected to " + connectedTo + "; use write(packet)");
        }
        InetSocketAddress target = UdpAddresses.target(to, host);
        DatagramChannel open = openChannel();
        int start = packet.position();
        try {
            open.send(packet, target); // 0 when the socket has no room: the datagram is dropped
        } catch (PortUnreachableException e) {
            // An earlier datagram to somebody was refused; unconnected ports are not told (as Twisted).
        } catch (IOException e) {
            throw sendFailed(packet.remaining(), e);
        } finally {
            packet.position(start);
        }
    }

    @Override
    public void write(ByteBuffer packet) {
        if (connectedTo == null) {
            throw new IllegalStateException("this port is not connected; use write(packet, address)");
        }
        DatagramChannel open = openChannel();
        int start = packet.position();
        try {
            open.write(packet);
        } catch (PortUnreachableException e) {
            guarded("connectionRefused", protocol::connectionRefused);
        } catch (IOException e) {
            throw sendFailed(packet.remaining(), e);
        } finally {
            packet.position(start);
        }
    }

    @Override
    public void connect(String host, int port) {
        if (connectedTo != null) {
            throw new IllegalStateException("already connected to " + connectedTo
                    + "; connecting again is not supported");
        }
        InetSocketAddress peer = UdpAddresses.target(host, port);
        try {
            openChannel().connect(peer);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect " + this + " to " + peer, e);
        }
        connectedTo = peer;
    }

    @Override
    public void setBroadcastAllowed(boolean enabled) {
        Sockets.setOption(openChannel(), StandardSocketOptions.SO_BROADCAST, enabled);
    }

    @Override
    public boolean isBroadcastAllowed() {
        return Sockets.option(openChannel(), StandardSocketOptions.SO_BROADCAST);
    }

    // ---- MulticastTransport ----

    @Override
    public String getOutgoingInterface() {
        return multicast().getOutgoingInterface();
    }

    @Override
    public Deferred<@Nullable Void> setOutgoingInterface(String address) {
        return multicast().setOutgoingInterface(address);
    }

    @Override
    public boolean getLoopbackMode() {
        return multicast().getLoopbackMode();
    }

    @Override
    public void setLoopbackMode(boolean enabled) {
        multicast().setLoopbackMode(enabled);
    }

    @Override
    public int getTTL() {
        return multicast().getTTL();
    }

    @Override
    public void setTTL(int ttl) {
        multicast().setTTL(ttl);
    }

    @Override
    public Deferred<@Nullable Void> joinGroup(String group, String bindInterface) {
        return multicast().join(group, bindInterface, true);
    }

    @Override
    public Deferred<@Nullable Void> leaveGroup(String group, String bindInterface) {
        return multicast().join(group, bindInterface, false);
    }

    // ---- helpers ----

    private UdpMulticast multicast() {
        openChannel();
        UdpMulticast current = multicast;
        if (current == null) {
            throw new IllegalStateException("the port has never listened");
        }
        return current;
    }

    private DatagramChannel openChannel() {
        DatagramChannel open = channel;
        if (open == null) {
            throw new IllegalStateException("the port is not listening: " + this);
        }
        return open;
    }

    private RuntimeException sendFailed(int length, IOException e) {
        if (String.valueOf(e.getMessage()).contains("too long")) {
            return new MessageLengthError(length, e);
        }
        return new UncheckedIOException("sending a datagram of " + length + " bytes on " + this + " failed", e);
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
        return "UdpPort[" + (host != null ? host : bindInterface + ":" + port)
                + (connectedTo != null ? " -> " + connectedTo : "") + ", " + protocol + "]";
    }
}
