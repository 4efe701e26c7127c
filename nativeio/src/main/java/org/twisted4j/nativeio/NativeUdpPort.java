package org.twisted4j.nativeio;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.AbstractUdpPort;
import org.twisted4j.internet.DatagramProtocol;
import org.twisted4j.internet.MessageLengthError;
import org.twisted4j.internet.MulticastOptions;
import org.twisted4j.internet.PortSharing;
import org.twisted4j.internet.UdpAddresses;

/**
 * A UDP port of a {@link NativeReactor}, as core's NIO one (what they share is their {@link AbstractUdpPort}):
 * datagrams read on the reactor's thread go to its {@link DatagramProtocol}, each write is one datagram (copied,
 * so the caller may reuse its buffer), and it can be connected to one peer, which is then the only one heard and
 * the one told of refusals (on epoll; Netty's io_uring transport does not report them). The socket is made and
 * bound by the transport at once, so a port may be opened before the reactor runs; a Netty channel adopts it and
 * reads once the loop runs. In a {@link org.twisted4j.internet.ReactorGroup} the port is shared as NIO's
 * ({@code SO_REUSEPORT}, the port agreed by {@link PortSharing}). Reactor thread only.
 */
final class NativeUdpPort extends AbstractUdpPort {
    /** The longest datagram IPv4 can carry: 65535 bytes less the IP and UDP headers. */
    private static final int MAX_IPV4_PAYLOAD = 65_507;
    /** The longest datagram IPv6 can carry without jumbograms: 65535 bytes less the UDP header. */
    private static final int MAX_IPV6_PAYLOAD = 65_527;

    private final NativeReactor reactor;
    private final Runnable closer = this::stopNow;
    private final Reader reader = new Reader();
    private @Nullable DatagramChannel channel;
    /** The channel's registration with the loop, which completes once the loop runs. */
    private @Nullable ChannelFuture registered;

    private NativeUdpPort(NativeReactor reactor, int port, DatagramProtocol protocol, String bindInterface,
            int maxPacketSize, boolean listenMultiple) {
        super(reactor, port, protocol, bindInterface, maxPacketSize, listenMultiple);
        this.reactor = reactor;
    }

    static NativeUdpPort listen(NativeReactor reactor, int port, DatagramProtocol protocol, String bindInterface,
            int maxPacketSize, boolean listenMultiple) {
        NativeUdpPort listening = new NativeUdpPort(reactor, port, protocol, bindInterface, maxPacketSize,
                listenMultiple);
        listening.startListening();
        return listening;
    }

    // ---- the socket ----

    @Override
    protected InetSocketAddress bind(InetSocketAddress address, boolean reuseAddress, boolean reusePort)
            throws IOException {
        DatagramChannel opened = reactor.transport().boundDatagramChannel(address, reuseAddress, reusePort);
        opened.config().setRecvByteBufAllocator(new FixedRecvByteBufAllocator(maxPacketSize()));
        opened.pipeline().addLast(reader);
        ChannelFuture registering = reactor.loop().register(opened);
        registering.addListener(done -> {
            if (!done.isSuccess() && opened.isOpen()) {
                NativeReactor.LOG.failure("registering {port} failed", new Failure(done.cause()), "port", this);
                opened.unsafe().closeForcibly();
            }
        });
        channel = opened;
        registered = registering;
        reactor.remember(closer);
        return opened.localAddress();
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
        openChannel().config().setAutoRead(false);
    }

    @Override
    protected void close(boolean atShutdown, Runnable closed) {
        reactor.forget(closer);
        DatagramChannel open = openChannel();
        channel = null;
        registered = null;
        ChannelFuture closing = open.close();
        if (atShutdown) {
            reactor.closingAtShutdown(closing);
        }
        closing.addListener(done -> reactor.turn(closed));
    }

    @Override
    protected MulticastOptions multicastOptions() {
        return new NativeMulticastOptions(reactor, openChannel(), Objects.requireNonNull(registered, "registered"));
    }

    // ---- reading ----

    /** The last handler of the channel's pipeline: hands what is read to the port. */
    @ChannelHandler.Sharable // added again to the new channel when a stopped port listens again
    private final class Reader extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                read(msg);
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            reactor.turn(() -> failed(cause, "reading a datagram"));
        }
    }

    private void read(Object msg) {
        if (!isReading()) {
            return;
        }
        InetSocketAddress peer = connectedTo();
        ByteBuf content;
        InetSocketAddress sender;
        if (msg instanceof DatagramPacket packet) {
            content = packet.content();
            sender = packet.sender();
            if (peer != null && !peer.equals(sender)) {
                // Queued before the connect took effect (on io_uring it completes on a later turn): a connected
                // port hears only from its peer, as the kernel sees to once it is connected.
                return;
            }
        } else if (msg instanceof ByteBuf buf && peer != null) {
            content = buf;
            sender = peer;
        } else {
            return;
        }
        ByteBuffer data = content.nioBufferCount() == 1 ? content.nioBuffer()
                : ByteBuffer.wrap(ByteBufUtil.getBytes(content));
        reactor.turn(() -> received(data, UdpAddresses.address(sender)));
    }

    /**
     * Handles a read's or a send's error: a refusal goes to a connected port's protocol, as NIO's; any other is
     * logged while the port is open.
     */
    private void failed(Throwable cause, String what) {
        if (cause instanceof PortUnreachableException || String.valueOf(cause.getMessage()).contains(
                "Connection refused")) {
            refused();
        } else if (channel != null) {
            NativeReactor.LOG.failure(what + " on {port} failed", new Failure(cause), "port", this);
        }
    }

    // ---- sending ----

    /** Sends one datagram, copied; an error reported for it is {@link #failed}. */
    @Override
    protected void send(ByteBuffer packet, @Nullable InetSocketAddress target) {
        DatagramChannel open = openChannel();
        InetSocketAddress to = target != null ? target : Objects.requireNonNull(connectedTo(), "connected");
        int most = to.getAddress() instanceof Inet6Address ? MAX_IPV6_PAYLOAD : MAX_IPV4_PAYLOAD;
        if (packet.remaining() > most) {
            throw new MessageLengthError(packet.remaining(), new IOException("Message too long: "
                    + packet.remaining() + " bytes, at most " + most));
        }
        ByteBuf copy = Unpooled.copiedBuffer(packet.duplicate());
        open.writeAndFlush(target != null ? new DatagramPacket(copy, target) : copy).addListener(done -> {
            Throwable cause = done.cause();
            if (cause != null) {
                reactor.turn(() -> failed(cause, "sending a datagram"));
            }
        });
    }

    @Override
    protected void connectSocket(InetSocketAddress peer) throws IOException {
        ChannelFuture connected = openChannel().connect(peer);
        if (connected.isDone() && !connected.isSuccess()) {
            throw new IOException("connecting failed: " + connected.cause(), connected.cause());
        }
    }

    @Override
    public void setBroadcastAllowed(boolean enabled) {
        openChannel().config().setOption(ChannelOption.SO_BROADCAST, enabled);
    }

    @Override
    public boolean isBroadcastAllowed() {
        return Boolean.TRUE.equals(openChannel().config().getOption(ChannelOption.SO_BROADCAST));
    }

    private DatagramChannel openChannel() {
        DatagramChannel open = channel;
        if (open == null) {
            throw new IllegalStateException("the port is not listening: " + this);
        }
        return open;
    }
}
