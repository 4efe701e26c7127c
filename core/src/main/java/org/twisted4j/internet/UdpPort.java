package org.twisted4j.internet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A UDP port of a {@link NioReactor}, as Twisted's {@code udp.Port} and {@code MulticastPort}: reads
 * datagrams on the reactor's thread and hands them to its {@link DatagramProtocol}, sends at once (a
 * datagram the socket has no room for is dropped, as UDP may), and can be connected to one peer. What every
 * backend's UDP port shares is its {@link AbstractUdpPort}; this is its socket, a {@link DatagramChannel} on the
 * reactor's selector, whose key's attachment is the port's {@link Selectable}. Reactor thread only.
 */
final class UdpPort extends AbstractUdpPort {
    /** The most bytes read in one turn, so that a flood cannot starve other work. */
    private static final int MAX_THROUGHPUT = 256 * 1024;

    private final NioReactor reactor;
    private final @Nullable ByteBuffer ownBuffer;
    private @Nullable DatagramChannel channel;
    private @Nullable SelectionKey key;
    /** What the selector loop hands this port's readiness and the reactor's shutdown to. */
    private final Selectable selectable = new Selectable() {
        @Override
        public void ready(int readyOps) {
            readDatagrams();
        }

        @Override
        public void reactorShutdown() {
            stopNow();
        }
    };

    UdpPort(NioReactor reactor, int port, DatagramProtocol protocol, String bindInterface, int maxPacketSize,
            boolean listenMultiple) {
        super(reactor, port, protocol, bindInterface, maxPacketSize, listenMultiple);
        this.reactor = reactor;
        this.ownBuffer = maxPacketSize > NioReactor.READ_BUFFER_SIZE ? ByteBuffer.allocate(maxPacketSize) : null;
    }

    // ---- the socket ----

    @Override
    protected InetSocketAddress bind(InetSocketAddress address, boolean reuseAddress, boolean reusePort)
            throws IOException {
        ProtocolFamily family = address.getAddress() instanceof Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
        DatagramChannel opened = DatagramChannel.open(family);
        try {
            if (reuseAddress) {
                opened.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            }
            if (reusePort && opened.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
                opened.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            }
            opened.bind(address);
            opened.configureBlocking(false);
            key = opened.register(reactor.selector(), SelectionKey.OP_READ, selectable);
            channel = opened;
            return (InetSocketAddress) opened.getLocalAddress();
        } catch (IOException e) {
            Sockets.closeQuietly(opened);
            throw e;
        }
    }

    @Override
    protected @Nullable PortSharing portSharing() {
        return reactor.portSharing();
    }

    @Override
    protected int groupIndex() {
        return reactor.groupIndex();
    }

    @Override
    protected void stopReading() {
        SelectionKey openKey = key;
        if (openKey != null) {
            openKey.interestOps(0);
        }
    }

    @Override
    protected void close(boolean atShutdown, Runnable closed) {
        SelectionKey openKey = key;
        if (openKey != null) {
            openKey.cancel();
        }
        Sockets.closeQuietly(channel);
        channel = null;
        key = null;
        reactor.afterNextSelect(closed);
    }

    @Override
    protected MulticastOptions multicastOptions() {
        return new NioMulticastOptions(Objects.requireNonNull(channel, "bound"));
    }

    // ---- reading ----

    /** Reads the datagrams waiting, up to {@link #MAX_THROUGHPUT} bytes, and hands each to the protocol. */
    private void readDatagrams() {
        int read = 0;
        while (read < MAX_THROUGHPUT && isReading()) {
            DatagramChannel open = openChannel();
            ByteBuffer buffer = ownBuffer != null ? ownBuffer : reactor.readBuffer();
            buffer.clear().limit(maxPacketSize());
            SocketAddress sender;
            try {
                sender = open.receive(buffer);
            } catch (PortUnreachableException e) {
                refused();
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
            received(buffer, Sockets.inet(sender, AddressType.UDP));
        }
    }

    // ---- sending ----

    @Override
    protected void send(ByteBuffer packet, @Nullable InetSocketAddress target) {
        DatagramChannel open = openChannel();
        int start = packet.position();
        try {
            if (target != null) {
                open.send(packet, target); // 0 when the socket has no room: the datagram is dropped
            } else {
                open.write(packet);
            }
        } catch (PortUnreachableException e) {
            refused(); // an earlier datagram was refused: only a connected port is told (as Twisted)
        } catch (IOException e) {
            throw sendFailed(packet.remaining(), e);
        } finally {
            packet.position(start);
        }
    }

    @Override
    protected void connectSocket(InetSocketAddress peer) throws IOException {
        openChannel().connect(peer);
    }

    @Override
    public void setBroadcastAllowed(boolean enabled) {
        Sockets.setOption(openChannel(), StandardSocketOptions.SO_BROADCAST, enabled);
    }

    @Override
    public boolean isBroadcastAllowed() {
        return Sockets.option(openChannel(), StandardSocketOptions.SO_BROADCAST);
    }

    // ---- helpers ----

    private DatagramChannel openChannel() {
        checkOpen();
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
}
