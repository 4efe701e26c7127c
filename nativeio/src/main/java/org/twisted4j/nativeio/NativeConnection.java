package org.twisted4j.nativeio;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultFileRegion;
import io.netty.channel.DefaultMessageSizeEstimator;
import io.netty.channel.FileRegion;
import io.netty.channel.MessageSizeEstimator;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.channel.unix.DomainSocketChannel;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.AddressType;
import org.twisted4j.internet.ConnectionAborted;
import org.twisted4j.internet.ConnectionClosed;
import org.twisted4j.internet.ConnectionDone;
import org.twisted4j.internet.ConnectionLost;
import org.twisted4j.internet.FileRegionTransport;
import org.twisted4j.internet.FileRegions;
import org.twisted4j.internet.HalfCloseableProtocol;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.IPv6Address;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.Producer;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.PullProducer;
import org.twisted4j.internet.PushProducer;
import org.twisted4j.internet.SocketControls;
import org.twisted4j.internet.SocketSide;
import org.twisted4j.internet.TCPTransport;
import org.twisted4j.internet.TlsUpgradable;
import org.twisted4j.internet.UNIXAddress;
import org.twisted4j.internet.UNIXTransport;
import org.twisted4j.internet.ssl.TlsOptions;
import org.twisted4j.protocols.tls.TlsProtocol;
import org.twisted4j.protocols.tls.TlsTransport;

/**
 * One stream connection of a {@link NativeReactor}: the last handler of a Netty channel's pipeline, and the
 * {@link TCPTransport} (or {@link UNIXTransport}) its protocol writes to, and a {@link FileRegionTransport} until
 * TLS starts. What Netty reads goes to the protocol as a view of the read buffer, valid during the call (on epoll
 * the reactor's own buffer and view whenever nothing holds them: {@link ReadBufferAllocator}); writes wrap the
 * caller's buffers and go out together: on epoll, those made while the connection reads are flushed when Netty
 * ends that read burst ({@code channelReadComplete}), as a Netty handler does, and any others once per turn of the
 * loop. Netty's write buffer water marks pause and resume a registered streaming producer. Reactor thread only.
 */
abstract sealed class NativeConnection extends ChannelInboundHandlerAdapter implements TlsUpgradable, SocketControls,
        FileRegionTransport permits NativeConnection.Tcp, NativeConnection.Unix {
    private final NativeReactor reactor;
    private final Channel channel;
    private final Protocol protocol;
    /** What the bytes read go to: the protocol, or the TLS layer once STARTTLS has begun. */
    private Protocol receiver;
    /** The TLS layer once STARTTLS has begun, through which the protocol's calls go; else null. */
    private @Nullable TlsProtocol tls;
    private final @Nullable NativeConnector connector;
    private final Runnable closer = this::closeAtShutdown;
    private final Runnable flushTask = this::flushNow;
    private final Runnable readTask = this::deliverRead;
    /** This handler's place in the pipeline, once added: writes start there, not at the pipeline's tail. */
    private @Nullable ChannelHandlerContext context;
    /** The buffer Netty has just read, while {@link #readTask} hands it to the protocol. */
    private @Nullable ByteBuf reading;
    /** Whether writes made in a read burst are flushed at its end: {@link NativeTransport#flushesPerReadBurst}. */
    private final boolean flushPerBurst;
    /** Whether Netty is in a read burst of this channel: from a channelRead to its channelReadComplete. */
    private boolean inReadBurst;
    /** Whether bytes written during the read burst wait for its end to be flushed. */
    private boolean flushAtBurstEnd;
    private boolean started;
    private boolean disconnecting;
    private boolean aborted;
    private boolean halfCloseWanted;
    private boolean writeClosed;
    private boolean lost;
    private boolean flushScheduled;
    /** Whether bytes were written after {@link #closeAfterFlush} began waiting for the earlier ones. */
    private boolean wroteWhileClosing;
    private @Nullable Throwable error;
    /** Why this side aborted: a callback's exception, or null for abortConnection(). */
    private @Nullable Throwable abortReason;
    private @Nullable Producer producer;
    /** The file regions queued and not yet sent in full, oldest first. */
    private final ArrayDeque<FileRegion> regions = new ArrayDeque<>();
    private boolean streaming;
    private boolean producerPaused;

    /** Makes the transport for {@code channel}: a {@link TCPTransport}, or a {@link UNIXTransport} for a UNIX socket. */
    static NativeConnection of(NativeReactor reactor, Channel channel, Protocol protocol,
            @Nullable NativeConnector connector) {
        return channel instanceof DomainSocketChannel
                ? new Unix(reactor, channel, protocol, connector) : new Tcp(reactor, channel, protocol, connector);
    }

    /** A TCP connection. */
    static final class Tcp extends NativeConnection implements TCPTransport {
        Tcp(NativeReactor reactor, Channel channel, Protocol protocol, @Nullable NativeConnector connector) {
            super(reactor, channel, protocol, connector);
        }

        @Override
        public boolean getTcpNoDelay() {
            return Boolean.TRUE.equals(channel().config().getOption(ChannelOption.TCP_NODELAY));
        }

        @Override
        public void setTcpNoDelay(boolean enabled) {
            channel().config().setOption(ChannelOption.TCP_NODELAY, enabled);
        }

        @Override
        public boolean getTcpKeepAlive() {
            return Boolean.TRUE.equals(channel().config().getOption(ChannelOption.SO_KEEPALIVE));
        }

        @Override
        public void setTcpKeepAlive(boolean enabled) {
            channel().config().setOption(ChannelOption.SO_KEEPALIVE, enabled);
        }
    }

    /** A UNIX stream socket connection. */
    static final class Unix extends NativeConnection implements UNIXTransport {
        Unix(NativeReactor reactor, Channel channel, Protocol protocol, @Nullable NativeConnector connector) {
            super(reactor, channel, protocol, connector);
        }
    }

    private NativeConnection(NativeReactor reactor, Channel channel, Protocol protocol,
            @Nullable NativeConnector connector) {
        this.reactor = reactor;
        this.channel = channel;
        this.protocol = protocol;
        this.receiver = protocol;
        this.connector = connector;
        this.flushPerBurst = reactor.transport().flushesPerReadBurst();
    }

    /** Sets the options every connection of a native reactor has, before it is registered. */
    static void configure(NativeReactor reactor, Channel channel) {
        reactor.configureReads(channel);
        channel.config().setMessageSizeEstimator(RegionSizeEstimator.INSTANCE);
        channel.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(NioReactor.DEFAULT_LOW_WATER_MARK,
                NioReactor.DEFAULT_HIGH_WATER_MARK));
        if (!(channel instanceof DomainSocketChannel)) {
            channel.config().setOption(ChannelOption.TCP_NODELAY, false); // the operating system's default, as NIO
        }
    }

    /** Tells the protocol it is connected; the channel is registered and active. Reactor thread. */
    void start() {
        started = true;
        reactor.remember(closer);
        guarded("connectionMade", () -> protocol.makeConnection(this));
    }

    // ---- from Netty ----

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        context = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buf = (ByteBuf) msg;
        try {
            if (!started || disconnecting || lost) {
                return;
            }
            inReadBurst = flushPerBurst;
            reading = buf;
            reactor.turn(readTask); // a task made once: no lambda per read on the hot path
        } finally {
            reading = null;
            buf.release();
        }
    }

    private void deliverRead() {
        ByteBuf buf = Objects.requireNonNull(reading);
        if (buf.nioBufferCount() == 1) {
            deliver(reactor.readView(buf), buf);
        } else {
            ByteBuf whole = buf.copy(); // a read in several pieces (not made by the native transports)
            try {
                deliver(whole.nioBuffer(), whole);
            } finally {
                whole.release();
            }
        }
    }

    /**
     * Netty has ended a read burst of this channel: what the protocol wrote meanwhile goes out now, in one
     * gathering write with what else waits, as a Netty handler flushes once per burst rather than per read.
     */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        inReadBurst = false;
        if (flushAtBurstEnd) {
            flushAtBurstEnd = false;
            flushWrites();
        }
    }

    private void deliver(ByteBuffer data, ByteBuf owner) {
        reactor.lend(data, owner);
        try {
            receiver.dataReceived(data);
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable e) {
            callbackFailed("dataReceived", e);
        } finally {
            reactor.endLend();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (!(event instanceof ChannelInputShutdownEvent) || lost) {
            return;
        }
        reactor.turn(() -> {
            if (disconnecting) {
                channel.close(); // the peer has gone: what waits for the producer is dropped
            } else if (receiver instanceof HalfCloseableProtocol halfCloseable) {
                guarded("readConnectionLost", halfCloseable::readConnectionLost);
                if (writeClosed) {
                    channel.close();
                }
            } else {
                closeAfterFlush();
            }
        });
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        reactor.turn(this::checkWritability);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (error == null) {
            error = cause;
        }
        channel.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (started) {
            reactor.turn(() -> connectionLost(closeReason()));
        }
    }

    /** Returns why the connection closed, or is closing: what {@code connectionLost} is told. */
    private Throwable closeReason() {
        return abortReason != null ? abortReason : aborted ? new ConnectionAborted()
                : error != null ? lostWith(error) : new ConnectionDone();
    }

    private static ConnectionLost lostWith(Throwable cause) {
        String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        return new ConnectionLost("the connection was lost: " + message, cause);
    }

    private void connectionLost(Throwable reason) {
        if (lost) {
            return;
        }
        lost = true;
        disconnecting = true;
        reactor.forget(closer);
        stopProducer();
        Failure failure = new Failure(reason);
        try {
            receiver.connectionLost(failure);
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable e) {
            NativeReactor.LOG.failure("connectionLost of {protocol} failed", new Failure(e), "protocol", protocol);
        }
        if (connector != null) {
            connector.connectionLost(failure);
        }
    }

    private void closeAtShutdown() {
        reactor.closingAtShutdown(channel.close());
        connectionLost(new ConnectionLost("the reactor shut down"));
    }

    // ---- Transport: through the TLS layer once STARTTLS has begun, else straight to the socket ----

    @Override
    public void write(ByteBuffer data) {
        TlsProtocol layer = tls;
        if (layer != null) {
            layer.write(data);
        } else {
            rawWrite(data);
        }
    }

    @Override
    public void loseConnection() {
        if (tls != null) {
            tls.loseConnection();
        } else {
            rawLoseConnection();
        }
    }

    @Override
    public void abortConnection() {
        if (tls != null) {
            tls.abortConnection();
        } else {
            rawAbortConnection();
        }
    }

    @Override
    public boolean isDisconnecting() {
        return tls != null ? tls.isDisconnecting() : rawIsDisconnecting();
    }

    @Override
    public void pauseProducing() {
        if (tls != null) {
            tls.pauseProducing();
        } else {
            rawPauseProducing();
        }
    }

    @Override
    public void resumeProducing() {
        if (tls != null) {
            tls.resumeProducing();
        } else {
            rawResumeProducing();
        }
    }

    @Override
    public void registerProducer(Producer producer, boolean streaming) {
        if (tls != null) {
            tls.registerProducer(producer, streaming);
        } else {
            rawRegisterProducer(producer, streaming);
        }
    }

    @Override
    public void unregisterProducer() {
        if (tls != null) {
            tls.unregisterProducer();
        } else {
            rawUnregisterProducer();
        }
    }

    /**
     * {@inheritDoc}
     *
     * @implNote As core's stream connections: a {@link SocketSide} becomes the layer's transport, and the
     * protocol's calls and the bytes read go through the layer from now on.
     */
    @Override
    public TlsTransport startTLS(TlsOptions options, boolean client, ByteBuffer alreadyReceived) {
        if (tls != null) {
            throw new IllegalStateException("TLS has already started on " + this);
        }
        if (!started || disconnecting || lost) {
            throw new IllegalStateException("cannot start TLS on " + this + ": it is closing");
        }
        return new SocketSide(this).startTls(protocol, options, client, alreadyReceived, producer, streaming,
                this::routeThrough);
    }

    /** Routes the protocol's calls and the bytes read through {@code layer}. */
    void routeThrough(TlsProtocol layer) {
        tls = layer;
        receiver = layer;
    }

    // ---- file regions ----

    /** {@inheritDoc} True until TLS has started on this connection. */
    @Override
    public boolean canWriteFile() {
        return tls == null;
    }

    /**
     * {@inheritDoc}
     *
     * @implNote The region goes to Netty as a {@link DefaultFileRegion}, sent with {@code sendfile} on epoll and
     * {@code splice} on io_uring, and counted at its full size in the write buffer, so a streaming producer is
     * paused while it waits. Netty closes a region's file when it lets the region go: it is retained once more,
     * never to be let go, so the caller's file stays open.
     */
    @Override
    public Deferred<@Nullable Void> writeFile(FileChannel file, long position, long count) {
        FileRegions.check(file, position, count);
        if (!canWriteFile()) {
            throw new IllegalStateException("TLS has started on " + this + ": file regions cannot be sent as they"
                    + " are (see canWriteFile)");
        }
        if (lost || aborted || writeClosed) {
            return Deferred.fail(new ConnectionClosed("cannot send a file region on " + this + ": it is closed"
                    + (lost || aborted ? "" : " for writing")));
        }
        if (count == 0) {
            return Deferred.succeed(null);
        }
        Deferred<@Nullable Void> sent = new Deferred<>();
        DefaultFileRegion region = new DefaultFileRegion(file, position, count);
        region.retain();
        regions.add(region);
        ChannelPromise promise = channel.newPromise();
        promise.addListener(done -> reactor.turn(() -> regionDone(region, sent, file, position + count,
                done.cause())));
        queue(region, promise);
        return sent;
    }

    /** Fires a region's Deferred once Netty has sent it, or failed to. */
    private void regionDone(FileRegion region, Deferred<@Nullable Void> sent, FileChannel file, long end,
            @Nullable Throwable cause) {
        regions.remove(region);
        if (cause == null) {
            sent.callback(null);
            return;
        }
        sent.errback(regionFailure(file, end, cause));
    }

    /**
     * Returns why a region was not sent: the file ended early (which drops the connection, for that reason), the
     * socket failed, or the connection closed first.
     */
    private Throwable regionFailure(FileChannel file, long end, Throwable cause) {
        if (cause instanceof ClosedChannelException) {
            return closeReason();
        }
        long size = sizeOf(file);
        if (size >= 0 && size < end && !lost && abortReason == null) {
            abortReason = lostWith(FileRegions.truncated(size, end)); // Netty closes the channel with its error
            return abortReason;
        }
        if (error == null) {
            error = cause;
        }
        return closeReason();
    }

    private static long sizeOf(FileChannel file) {
        try {
            return file.size();
        } catch (IOException e) {
            return -1;
        }
    }

    /** Returns how many bytes of queued file regions wait to be sent. Reactor thread. */
    long queuedFileBytes() {
        long waiting = 0;
        for (FileRegion region : regions) {
            waiting += region.count() - region.transferred();
        }
        return waiting;
    }

    /** Counts a file region in Netty's write buffer at its full size, as the bytes of any other write. */
    private static final class RegionSizeEstimator implements MessageSizeEstimator {
        static final RegionSizeEstimator INSTANCE = new RegionSizeEstimator();
        private static final Handle HANDLE = new Handle() {
            private final Handle bytes = DefaultMessageSizeEstimator.DEFAULT.newHandle();

            @Override
            public int size(Object message) {
                return message instanceof FileRegion region ? (int) Math.min(Integer.MAX_VALUE, region.count())
                        : bytes.size(message);
            }
        };

        @Override
        public Handle newHandle() {
            return HANDLE;
        }
    }

    // ---- the socket side ----

    /** True: a buffer written may wait in Netty's outbound buffer, which this cannot see into cheaply. */
    @Override
    public boolean socketHoldsWrites() {
        return true;
    }

    @Override
    public void rawWrite(ByteBuffer data) {
        if (aborted || writeClosed || lost || !data.hasRemaining()) {
            return;
        }
        queue(reactor.slice(data), null);
    }

    /**
     * Queues {@code message} to be flushed with the read burst's end or the turn's, and pauses a streaming producer
     * once Netty's outbound buffer is above its high-water mark.
     *
     * @param promise completed once it is sent, or null for none
     */
    private void queue(Object message, @Nullable ChannelPromise promise) {
        ChannelHandlerContext ctx = context;
        if (ctx != null) { // our handler is the last: straight to the socket's
            ctx.write(message, promise != null ? promise : ctx.voidPromise());
        } else {
            channel.write(message, promise != null ? promise : channel.voidPromise());
        }
        wroteWhileClosing = true;
        if (inReadBurst) {
            flushAtBurstEnd = true; // channelReadComplete flushes
        } else {
            scheduleFlush();
        }
        if (producer != null && streaming && !producerPaused && !channel.isWritable()) {
            pauseProducer(); // only while a push producer is registered: none may be, after unregisterProducer()
        }
    }

    private void scheduleFlush() {
        if (!flushScheduled) {
            flushScheduled = true;
            reactor.loop().execute(flushTask);
        }
    }

    private void flushNow() {
        flushScheduled = false;
        flushWrites();
    }

    private void flushWrites() {
        if (lost) {
            return;
        }
        ChannelHandlerContext ctx = context;
        if (producer != null && !streaming) {
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(done -> reactor.turn(this::askPullProducer));
        } else if (ctx != null) {
            ctx.flush(); // from our handler, the last, straight to the socket's, as writes go
        } else {
            channel.flush();
        }
    }

    private void askPullProducer() {
        if (producer instanceof PullProducer pull && !streaming && !lost && channel.isWritable()) {
            guarded("resumeProducing", pull::resumeProducing);
        }
    }

    @Override
    public void rawLoseConnection() {
        if (disconnecting || lost) {
            return;
        }
        disconnecting = true;
        if (producer == null) {
            closeAfterThisCall();
        }
    }

    /**
     * Closes once the callback running now has returned and what it wrote has gone out: bytes written after
     * {@code loseConnection()} in the same callback still go out, as on every backend.
     */
    private void closeAfterThisCall() {
        reactor.loop().execute(() -> {
            if (!lost && !aborted && producer == null) {
                closeAfterFlush();
            }
        });
    }

    /** Closes once everything written so far, and anything written meanwhile, has gone out. */
    private void closeAfterFlush() {
        flushScheduled = false;
        wroteWhileClosing = false;
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(done -> {
            if (done.isSuccess() && !lost && wroteWhileClosing) {
                closeAfterFlush(); // what was written after the close began goes out first
            } else {
                channel.close();
            }
        });
    }

    @Override
    public void rawAbortConnection() {
        if (lost || aborted) {
            return;
        }
        aborted = true;
        disconnecting = true;
        stopProducer();
        if (!(channel instanceof DomainSocketChannel)) {
            channel.config().setOption(ChannelOption.SO_LINGER, 0); // a reset, not an orderly close
        }
        channel.close();
    }

    @Override
    public boolean rawIsDisconnecting() {
        return disconnecting;
    }

    /**
     * Half-closes, as {@link TCPTransport#loseWriteConnection()} and {@link UNIXTransport#loseWriteConnection()};
     * once TLS has started, half-closes the TLS session instead, as {@link TlsTransport#loseWriteConnection()}
     * describes.
     */
    public void loseWriteConnection() {
        if (tls != null) {
            tls.loseWriteConnection();
            return;
        }
        if (disconnecting || lost || writeClosed || halfCloseWanted) {
            return;
        }
        halfCloseWanted = true;
        if (producer == null) {
            shutdownOutput();
        }
    }

    private void shutdownOutput() {
        flushScheduled = false;
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(flushed -> {
            if (!flushed.isSuccess() || lost) {
                return;
            }
            ((DuplexChannel) channel).shutdownOutput().addListener(done -> reactor.turn(() -> {
                if (!done.isSuccess() || lost) {
                    return;
                }
                writeClosed = true;
                if (protocol instanceof HalfCloseableProtocol halfCloseable) {
                    guarded("writeConnectionLost", halfCloseable::writeConnectionLost);
                }
                if (((DuplexChannel) channel).isInputShutdown()) {
                    channel.close();
                }
            }));
        });
    }

    @Override
    public Address getPeer() {
        return address(channel.remoteAddress());
    }

    @Override
    public Address getHost() {
        return address(channel.localAddress());
    }

    /** Returns a Netty socket address as twisted4j's: TCP over IPv4 or IPv6, or a UNIX path. */
    static Address address(@Nullable SocketAddress address) {
        return switch (address) {
            case InetSocketAddress inet when inet.getAddress() instanceof Inet6Address v6 ->
                    new IPv6Address(AddressType.TCP, v6.getHostAddress(), inet.getPort());
            case InetSocketAddress inet when inet.getAddress() != null ->
                    new IPv4Address(AddressType.TCP, inet.getAddress().getHostAddress(), inet.getPort());
            case DomainSocketAddress unix -> unixAddress(unix.path());
            case null, default -> new UNIXAddress(null);
        };
    }

    /**
     * Returns a UNIX socket's address from the path Netty gives: a file's path, a name in the abstract namespace
     * after a NUL, or nothing (an unnamed socket).
     */
    private static UNIXAddress unixAddress(String path) {
        if (path.isEmpty()) {
            return new UNIXAddress(null);
        }
        if (path.charAt(0) != '\0') {
            return new UNIXAddress(Path.of(path));
        }
        try {
            return UNIXAddress.abstractName(path.substring(1));
        } catch (IllegalArgumentException notOurs) {
            return new UNIXAddress(null); // a name no listenUNIXAbstract could have given (one with a NUL inside)
        }
    }

    /** Returns Netty's address of {@code name} in the abstract namespace: the name after a NUL. */
    static DomainSocketAddress abstractSocketAddress(String name) {
        return new DomainSocketAddress("\0" + name);
    }

    // ---- producers ----

    @Override
    public void rawPauseProducing() {
        channel.config().setAutoRead(false);
    }

    @Override
    public void rawResumeProducing() {
        if (!disconnecting) {
            channel.config().setAutoRead(true);
        }
    }

    @Override
    public void stopProducing() {
        loseConnection();
    }

    @Override
    public void rawRegisterProducer(Producer producer, boolean streaming) {
        if (this.producer != null) {
            throw new IllegalStateException("a producer is already registered: " + this.producer);
        }
        if (streaming ? !(producer instanceof PushProducer) : !(producer instanceof PullProducer)) {
            throw new IllegalArgumentException((streaming ? "a streaming producer must be a PushProducer: "
                    : "a non-streaming producer must be a PullProducer: ") + producer);
        }
        if (lost) {
            producer.stopProducing();
            return;
        }
        this.producer = producer;
        this.streaming = streaming;
        this.producerPaused = false;
        if (streaming) {
            checkWritability();
        } else {
            reactor.loop().execute(() -> reactor.turn(this::askPullProducer));
        }
    }

    @Override
    public void rawUnregisterProducer() {
        producer = null;
        streaming = false;
        producerPaused = false;
        if (lost) {
            return;
        }
        if (disconnecting && !aborted) {
            closeAfterThisCall();
        } else if (halfCloseWanted && !writeClosed) {
            shutdownOutput();
        }
    }

    private void checkWritability() {
        if (producer == null || !streaming || lost) {
            return;
        }
        if (!channel.isWritable() && !producerPaused) {
            pauseProducer();
        } else if (channel.isWritable() && producerPaused) {
            producerPaused = false;
            guarded("resumeProducing", () -> ((PushProducer) producer).resumeProducing());
        }
    }

    private void pauseProducer() {
        producerPaused = true;
        guarded("pauseProducing", () -> ((PushProducer) producer).pauseProducing());
    }

    private void stopProducer() {
        Producer current = producer;
        producer = null;
        if (current != null) {
            try {
                current.stopProducing();
            } catch (VirtualMachineError fatal) {
                throw fatal;
            } catch (Throwable e) {
                NativeReactor.LOG.failure("stopProducing of {producer} failed", new Failure(e), "producer", current);
            }
        }
    }

    /** Runs a callback of the protocol or its producer; one that throws drops the connection (callbackFailed). */
    private void guarded(String callback, Runnable call) {
        try {
            call.run();
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable e) {
            callbackFailed(callback, e);
        }
    }

    /**
     * Logs a protocol or producer callback that threw (an exception or an error, such as a class that failed to
     * load, as NIO's connections treat it) and drops the connection, as Twisted does.
     */
    private void callbackFailed(String callback, Throwable e) {
        NativeReactor.LOG.failure("{callback} of {protocol} failed; dropping the connection", new Failure(e),
                "callback", callback, "protocol", protocol);
        if (!lost && !aborted) {
            abortReason = e;
        }
        abortConnection();
    }

    Channel channel() {
        return channel;
    }

    /** Returns how many bytes wait to be written, those of file regions left out. Reactor thread. */
    long queuedBytes() {
        ChannelOutboundBuffer pending = channel.unsafe().outboundBuffer();
        if (pending == null) {
            return 0;
        }
        long regionBytes = 0;
        for (FileRegion region : regions) {
            regionBytes += Math.min(Integer.MAX_VALUE, region.count()); // as the estimator counted it
        }
        return pending.totalPendingWriteBytes() - regionBytes;
    }

    @Override
    public String toString() {
        return "NativeConnection[" + channel + ", " + protocol + "]";
    }
}
