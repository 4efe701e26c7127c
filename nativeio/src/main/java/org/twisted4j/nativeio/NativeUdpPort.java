package org.twisted4j.nativeio;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.CannotListenError;
import org.twisted4j.internet.DatagramProtocol;
import org.twisted4j.internet.DatagramTransport;
import org.twisted4j.internet.DelayedCall;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.MessageLengthError;
import org.twisted4j.internet.PortSharing;
import org.twisted4j.internet.UdpAddresses;

/**
 * A UDP port of a {@link NativeReactor}, as core's NIO one: datagrams read on the reactor's thread go to its
 * {@link DatagramProtocol}, each write is one datagram (copied, so the caller may reuse its buffer), and it can be
 * connected to one peer, which is then the only one heard and the one told of refusals (on epoll; Netty's io_uring
 * transport does not report them). The socket is made and
 * bound by the transport at once, so a port may be opened before the reactor runs; a Netty channel adopts it and
 * reads once the loop runs. In a {@link org.twisted4j.internet.ReactorGroup} the port is shared as NIO's
 * ({@code SO_REUSEPORT}, the port agreed by {@link PortSharing}). Reactor thread only.
 */
@ChannelHandler.Sharable // added again to the new channel when a stopped port listens again
final class NativeUdpPort extends ChannelInboundHandlerAdapter implements ListeningPort, DatagramTransport {
    /** The longest datagram IPv4 can carry: 65535 bytes less the IP and UDP headers. */
    private static final int MAX_IPV4_PAYLOAD = 65_507;
    /** The longest datagram IPv6 can carry without jumbograms: 65535 bytes less the UDP header. */
    private static final int MAX_IPV6_PAYLOAD = 65_527;

    private final NativeReactor reactor;
    private final int port;
    private final DatagramProtocol protocol;
    private final String bindInterface;
    private final int maxPacketSize;
    private final Runnable closer = this::closeAtShutdown;
    private @Nullable DatagramChannel channel;
    private @Nullable Address host;
    private @Nullable InetSocketAddress connectedTo;
    private @Nullable List<Deferred<@Nullable Void>> closing;
    /** The turn that finishes a stop under way, which a shutdown in between does at once instead. */
    private @Nullable DelayedCall pendingStop;

    private NativeUdpPort(NativeReactor reactor, int port, DatagramProtocol protocol, String bindInterface,
            int maxPacketSize) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 to 65535, not " + port);
        }
        if (maxPacketSize <= 0) {
            throw new IllegalArgumentException("maxPacketSize must be positive, not " + maxPacketSize);
        }
        this.reactor = reactor;
        this.port = port;
        this.protocol = protocol;
        this.bindInterface = bindInterface;
        this.maxPacketSize = maxPacketSize;
    }

    static NativeUdpPort listen(NativeReactor reactor, int port, DatagramProtocol protocol, String bindInterface,
            int maxPacketSize) {
        NativeUdpPort listening = new NativeUdpPort(reactor, port, protocol, bindInterface, maxPacketSize);
        listening.startListening();
        return listening;
    }

    // ---- ListeningPort ----

    @Override
    public void startListening() {
        if (channel != null || closing != null) {
            throw new IllegalStateException((channel != null ? "already listening on " : "still closing ") + host);
        }
        DatagramChannel opened;
        try {
            InetAddress address = InetAddress.getByName(bindInterface.isEmpty() ? "0.0.0.0" : bindInterface);
            opened = bind(address);
        } catch (IOException e) {
            throw new CannotListenError(bindInterface, port, e);
        }
        opened.config().setRecvByteBufAllocator(new FixedRecvByteBufAllocator(maxPacketSize));
        opened.pipeline().addLast(this);
        ChannelFuture registered = reactor.loop().register(opened);
        registered.addListener(done -> {
            if (!done.isSuccess() && opened.isOpen()) {
                NativeReactor.LOG.failure("registering {port} failed", new Failure(done.cause()), "port", this);
                opened.unsafe().closeForcibly();
            }
        });
        channel = opened;
        host = UdpAddresses.address(opened.localAddress());
        connectedTo = null;
        reactor.remember(closer);
        protocol.makeConnection(this);
    }

    /** Binds the socket: alone, or in a group with {@code SO_REUSEPORT} on the port the group agrees. */
    private DatagramChannel bind(InetAddress address) throws IOException {
        PortSharing sharing = reactor.portSharing();
        if (sharing == null) {
            return reactor.transport().boundDatagramChannel(new InetSocketAddress(address, port), false);
        }
        List<DatagramChannel> bound = new ArrayList<>(1);
        sharing.bind(reactor.groupIndex(), bindInterface, "udp:" + protocol.getClass().getName(), port, agreed -> {
            DatagramChannel made = reactor.transport().boundDatagramChannel(new InetSocketAddress(address, agreed),
                    true);
            bound.add(made);
            return made.localAddress().getPort();
        });
        return bound.getFirst();
    }

    /**
     * {@inheritDoc}
     *
     * <p>As in Twisted and on NIO, reading stops now and the protocol is stopped on a later turn, while the
     * socket is still open (its {@code stopProtocol} may send a last datagram); then the socket closes.
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
        if (open == null) {
            done.callback(null);
            return done;
        }
        List<Deferred<@Nullable Void>> waiters = new ArrayList<>();
        waiters.add(done);
        closing = waiters;
        open.config().setAutoRead(false);
        pendingStop = reactor.callLater(0, () -> finishStopping(open, waiters, false));
        return done;
    }

    /** Stops the protocol, then closes the socket and fires the waiters once it is closed. */
    private void finishStopping(DatagramChannel open, List<Deferred<@Nullable Void>> waiters, boolean atShutdown) {
        pendingStop = null;
        reactor.forget(closer);
        try {
            protocol.doStop();
        } finally {
            channel = null;
            ChannelFuture closed = open.close();
            if (atShutdown) {
                reactor.closingAtShutdown(closed);
            }
            closed.addListener(done -> reactor.turn(() -> {
                closing = null;
                for (Deferred<@Nullable Void> waiter : waiters) {
                    waiter.callback(null);
                }
            }));
        }
    }

    /** Stops at once, a stop under way too: the reactor runs no more timed calls once it shuts down. */
    private void closeAtShutdown() {
        DatagramChannel open = channel;
        if (open == null) {
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
        finishStopping(open, waiters, true);
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
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (channel == null || closing != null) {
                return;
            }
            ByteBuf content;
            InetSocketAddress sender;
            if (msg instanceof DatagramPacket packet) {
                content = packet.content();
                sender = packet.sender();
                if (connectedTo != null && !connectedTo.equals(sender)) {
                    // Queued before the connect took effect (on io_uring it completes on a later turn): a connected
                    // port hears only from its peer, as the kernel sees to once it is connected.
                    return;
                }
            } else if (msg instanceof ByteBuf buf && connectedTo != null) {
                content = buf;
                sender = connectedTo;
            } else {
                return;
            }
            ByteBuffer data = content.nioBufferCount() == 1 ? content.nioBuffer()
                    : ByteBuffer.wrap(io.netty.buffer.ByteBufUtil.getBytes(content));
            Address from = UdpAddresses.address(sender);
            reactor.turn(() -> guarded("datagramReceived", () -> protocol.datagramReceived(data, from)));
        } finally {
            io.netty.util.ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        reactor.turn(() -> {
            if (refusal(cause)) {
                if (connectedTo != null) {
                    guarded("connectionRefused", protocol::connectionRefused);
                }
            } else {
                NativeReactor.LOG.failure("reading a datagram on {port} failed", new Failure(cause), "port", this);
            }
        });
    }

    private static boolean refusal(Throwable cause) {
        return cause instanceof PortUnreachableException
                || String.valueOf(cause.getMessage()).contains("Connection refused");
    }

    // ---- DatagramTransport ----

    @Override
    public void write(ByteBuffer packet, Address to) {
        if (connectedTo != null) {
            throw new IllegalStateException("this port is connected to " + connectedTo + "; use write(packet)");
        }
        InetSocketAddress target = UdpAddresses.target(to, host);
        DatagramChannel open = openChannel();
        checkLength(packet.remaining(), target);
        send(open, new DatagramPacket(copy(packet), target));
    }

    @Override
    public void write(ByteBuffer packet) {
        InetSocketAddress peer = connectedTo;
        if (peer == null) {
            throw new IllegalStateException("this port is not connected; use write(packet, address)");
        }
        DatagramChannel open = openChannel();
        checkLength(packet.remaining(), peer);
        send(open, copy(packet));
    }

    /** Sends one datagram; a refusal reported for it goes to a connected port's protocol, as NIO's. */
    private void send(DatagramChannel open, Object datagram) {
        open.writeAndFlush(datagram).addListener(done -> {
            Throwable cause = done.cause();
            if (cause != null) {
                reactor.turn(() -> {
                    if (refusal(cause)) {
                        if (connectedTo != null) {
                            guarded("connectionRefused", protocol::connectionRefused);
                        }
                    } else if (open.isOpen()) {
                        NativeReactor.LOG.warn("sending a datagram on {port} failed: {error}", "port", this,
                                "error", cause.toString());
                    }
                });
            }
        });
    }

    private static ByteBuf copy(ByteBuffer packet) {
        return Unpooled.copiedBuffer(packet.duplicate());
    }

    private static void checkLength(int length, InetSocketAddress target) {
        int most = target.getAddress() instanceof Inet6Address ? MAX_IPV6_PAYLOAD : MAX_IPV4_PAYLOAD;
        if (length > most) {
            throw new MessageLengthError(length, new IOException("Message too long: " + length + " bytes, at most "
                    + most));
        }
    }

    @Override
    public void connect(String host, int port) {
        if (connectedTo != null) {
            throw new IllegalStateException("already connected to " + connectedTo
                    + "; connecting again is not supported");
        }
        InetSocketAddress peer = UdpAddresses.target(host, port);
        DatagramChannel open = openChannel();
        ChannelFuture connected = open.connect(peer);
        if (connected.isDone() && !connected.isSuccess()) {
            throw new java.io.UncheckedIOException(new IOException("cannot connect " + this + " to " + peer,
                    connected.cause()));
        }
        connectedTo = peer;
    }

    @Override
    public void setBroadcastAllowed(boolean enabled) {
        openChannel().config().setOption(ChannelOption.SO_BROADCAST, enabled);
    }

    @Override
    public boolean isBroadcastAllowed() {
        return Boolean.TRUE.equals(openChannel().config().getOption(ChannelOption.SO_BROADCAST));
    }

    // ---- helpers ----

    private DatagramChannel openChannel() {
        DatagramChannel open = channel;
        if (open == null) {
            throw new IllegalStateException("the port is not listening: " + this);
        }
        return open;
    }

    private void guarded(String callback, Runnable call) {
        try {
            call.run();
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable error) {
            NativeReactor.LOG.failure("{callback} of {protocol} failed on {port}", new Failure(error),
                    "callback", callback, "protocol", protocol, "port", this);
        }
    }

    @Override
    public String toString() {
        return "NativeUdpPort[" + (host != null ? host : bindInterface + ":" + port)
                + (connectedTo != null ? " -> " + connectedTo : "") + ", " + protocol + "]";
    }
}
