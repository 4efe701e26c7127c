package org.twisted4j.internet;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ssl.TlsOptions;
import org.twisted4j.protocols.tls.TlsProtocol;
import org.twisted4j.protocols.tls.TlsTransport;

/**
 * The transport of one stream connection of a {@link NioReactor}, over TCP or a UNIX domain socket: reads
 * into the reactor's shared buffer, writes through a {@link WriteQueue}, closes cleanly or at once,
 * half-closes, regulates producers, and starts TLS on request (STARTTLS). The subclasses add what belongs to
 * one kind of socket. Reactor thread only.
 *
 * <p>Once TLS has started, a {@link TlsProtocol} sits between the socket and the protocol: the protocol's
 * writes, closes, producers and pauses go to it, and it reaches the socket through a {@link StartTlsSide},
 * which calls the {@code raw} methods here; what is read goes to it, and it decrypts for the protocol.
 */
abstract sealed class StreamConnection implements TlsUpgradable, Selectable permits TcpConnection, UnixConnection {

    private final NioReactor reactor;
    private final SocketChannel channel;
    private final SelectionKey key;
    private final Protocol protocol;
    private final @Nullable StreamConnector connector;
    private final Address host;
    private final Address peer;
    private final WriteQueue writes = new WriteQueue();
    private final int lowWaterMark;
    private final int highWaterMark;

    private boolean connected = true;
    private boolean disconnecting;
    private boolean readPaused;
    private boolean readClosed;
    private boolean writeDisconnecting;
    private boolean writeClosed;
    private boolean wantWrite;
    private int interest = -1;
    private final RegisteredProducer registered = new RegisteredProducer();
    private @Nullable TlsProtocol tls;

    /**
     * Takes over {@code key}'s channel, which is connected and registered, and attaches to the key; call
     * {@link #start()} next.
     */
    StreamConnection(NioReactor reactor, SelectionKey key, Protocol protocol, @Nullable StreamConnector connector) {
        this.reactor = reactor;
        this.key = key;
        this.channel = (SocketChannel) key.channel();
        this.protocol = protocol;
        this.connector = connector;
        this.host = Sockets.local(channel);
        this.peer = Sockets.remote(channel);
        this.lowWaterMark = reactor.lowWaterMark();
        this.highWaterMark = reactor.highWaterMark();
        key.attach(this);
        updateInterest();
    }

    /** Tells the protocol the connection is made. */
    void start() {
        guarded("connectionMade", () -> protocol.makeConnection(this));
    }

    /** Returns how many bytes wait to be written. */
    long queuedBytes() {
        return writes.queuedBytes();
    }

    // ---- readiness ----

    @Override
    public void ready(int readyOps) {
        if ((readyOps & SelectionKey.OP_READ) != 0 && connected) {
            doRead();
        }
        if ((readyOps & SelectionKey.OP_WRITE) != 0 && connected) {
            doWrite();
        }
    }

    @Override
    public void reactorShutdown() {
        closeNow(new Failure(new ConnectionLost("the reactor shut down")));
    }

    private void doRead() {
        ByteBuffer buffer = reactor.readBuffer();
        buffer.clear();
        int read;
        try {
            read = channel.read(buffer);
        } catch (IOException e) {
            closeNow(new Failure(new ConnectionLost("reading failed: " + e.getMessage(), e)));
            return;
        }
        if (read > 0) {
            buffer.flip();
            try {
                receiver().dataReceived(buffer); // no lambda here: this is the hot path
            } catch (VirtualMachineError fatal) {
                throw fatal;
            } catch (Throwable error) {
                protocolFailed("dataReceived", error);
            }
        } else if (read < 0) {
            readEnded();
        }
    }

    private void readEnded() {
        readClosed = true;
        updateInterest();
        if (receiver() instanceof HalfCloseableProtocol halfCloseable) {
            guarded("readConnectionLost", halfCloseable::readConnectionLost);
        } else {
            closeNow(new Failure(new ConnectionDone()));
        }
    }

    private void doWrite() {
        boolean drained;
        try {
            drained = writes.flush(channel);
        } catch (IOException e) {
            closeNow(new Failure(new ConnectionLost("writing failed: " + e.getMessage(), e)));
            return;
        }
        if (!drained) {
            resumeStreamingProducerIfLow();
            return;
        }
        setWantWrite(false);
        guarded("resumeProducing", this::afterDrained);
    }

    private void afterDrained() {
        PullProducer pull = registered.pull();
        if (pull != null) {
            pull.resumeProducing();
            return;
        }
        if (registered.isRegistered()) {
            resumeStreamingProducerIfLow();
            return;
        }
        if (disconnecting) {
            closeNow(new Failure(new ConnectionDone()));
        } else if (writeDisconnecting && !writeClosed) {
            closeWriteSide();
        }
    }

    private void closeWriteSide() {
        writeClosed = true;
        try {
            channel.shutdownOutput();
        } catch (IOException e) {
            closeNow(new Failure(new ConnectionLost("half-closing failed: " + e.getMessage(), e)));
            return;
        }
        if (protocol instanceof HalfCloseableProtocol halfCloseable) {
            guarded("writeConnectionLost", halfCloseable::writeConnectionLost);
        }
    }

    private void resumeStreamingProducerIfLow() {
        PushProducer push = registered.resumeIfAtMost(writes.queuedBytes(), lowWaterMark);
        if (push != null) {
            guarded("resumeProducing", push::resumeProducing);
        }
    }

    // ---- Consumer ----

    /**
     * {@inheritDoc}
     *
     * @implNote When nothing is waiting, the bytes go to the socket at once; what it does not take is kept
     * (as a view of {@code data}, not a copy) until the socket is writable. The reactor's own read buffer,
     * handed to a protocol in {@code dataReceived}, is copied instead, since it is reused.
     */
    @Override
    public void write(ByteBuffer data) {
        TlsProtocol layer = tls;
        if (layer != null) {
            layer.write(data);
        } else {
            rawWrite(data);
        }
    }

    /** Writes to the socket, under TLS if it has started. */
    void rawWrite(ByteBuffer data) {
        if (!connected || writeClosed || !data.hasRemaining()) {
            return;
        }
        int start = data.position();
        int written = start;
        if (writes.isEmpty()) {
            try {
                channel.write(data);
            } catch (IOException e) {
                // Keep the bytes: the next writable turn meets the same error and closes the connection.
            }
            written = data.position();
            data.position(start);
            if (written == data.limit()) {
                if (registered.pull() != null) {
                    setWantWrite(true);
                }
                return;
            }
        }
        enqueue(data, written);
        afterEnqueue();
    }

    /**
     * {@inheritDoc}
     *
     * @implNote The buffers are queued and handed to the socket in one gathering write.
     */
    @Override
    public void writeSequence(List<ByteBuffer> data) {
        TlsProtocol layer = tls;
        if (layer != null) {
            layer.writeSequence(data);
        } else {
            rawWriteSequence(data);
        }
    }

    void rawWriteSequence(List<ByteBuffer> data) {
        if (!connected || writeClosed) {
            return;
        }
        boolean wasEmpty = writes.isEmpty();
        for (ByteBuffer buffer : data) {
            if (buffer.hasRemaining()) {
                enqueue(buffer, buffer.position());
            }
        }
        if (writes.isEmpty()) {
            return;
        }
        if (wasEmpty) {
            try {
                if (writes.flush(channel)) {
                    if (registered.pull() != null) {
                        setWantWrite(true);
                    }
                    return;
                }
            } catch (IOException e) {
                // As in write: the next writable turn closes the connection.
            }
        }
        afterEnqueue();
    }

    private void enqueue(ByteBuffer data, int from) {
        ByteBuffer view;
        if (data == reactor.readBuffer()) {
            view = ByteBuffer.allocate(data.limit() - from);
            view.put(data.duplicate().position(from)).flip();
        } else {
            view = data.duplicate().position(from);
        }
        writes.add(view);
    }

    private void afterEnqueue() {
        setWantWrite(true);
        PushProducer push = registered.pauseIfAbove(writes.queuedBytes(), highWaterMark);
        if (push != null) {
            push.pauseProducing();
        }
    }

    @Override
    public void registerProducer(Producer producer, boolean streaming) {
        TlsProtocol layer = tls;
        if (layer != null) {
            layer.registerProducer(producer, streaming);
        } else {
            rawRegisterProducer(producer, streaming);
        }
    }

    void rawRegisterProducer(Producer producer, boolean streaming) {
        registered.checkRegistrable(producer, streaming);
        if (!connected) {
            producer.stopProducing();
            return;
        }
        registered.set(producer, streaming);
        if (!streaming) {
            ((PullProducer) producer).resumeProducing();
        }
    }

    @Override
    public void unregisterProducer() {
        TlsProtocol layer = tls;
        if (layer != null) {
            layer.unregisterProducer();
        } else {
            rawUnregisterProducer();
        }
    }

    void rawUnregisterProducer() {
        registered.unregister();
        if (connected && (disconnecting || writeDisconnecting)) {
            setWantWrite(true);
        }
    }

    // ---- Transport ----

    @Override
    public boolean isDisconnecting() {
        TlsProtocol layer = tls;
        return layer != null ? layer.isDisconnecting() : rawIsDisconnecting();
    }

    boolean rawIsDisconnecting() {
        return disconnecting || !connected;
    }

    @Override
    public void loseConnection() {
        TlsProtocol layer = tls;
        if (layer != null) {
            layer.loseConnection();
        } else {
            rawLoseConnection();
        }
    }

    void rawLoseConnection() {
        if (!connected || disconnecting) {
            return;
        }
        disconnecting = true;
        setWantWrite(true);
    }

    /**
     * Half-closes the connection once everything queued is written and no producer is registered, as
     * {@link TCPTransport#loseWriteConnection()} describes.
     *
     * @throws UnsupportedOperationException if TLS has started: a TLS connection cannot be half-closed
     */
    public void loseWriteConnection() {
        if (tls != null) {
            throw new UnsupportedOperationException("TLS connections cannot be half-closed; loseConnection ends"
                    + " the session with close_notify");
        }
        if (!connected || writeDisconnecting) {
            return;
        }
        writeDisconnecting = true;
        setWantWrite(true);
    }

    @Override
    public void abortConnection() {
        TlsProtocol layer = tls;
        if (layer != null) {
            layer.abortConnection();
        } else {
            rawAbortConnection();
        }
    }

    void rawAbortConnection() {
        if (!connected) {
            return;
        }
        connected = false;
        closeChannel(true);
        reactor.callLater(0, () -> notifyLost(new Failure(new ConnectionAborted())));
    }

    @Override
    public Address getPeer() {
        return peer;
    }

    @Override
    public Address getHost() {
        return host;
    }

    @Override
    public void pauseProducing() {
        TlsProtocol layer = tls;
        if (layer != null) {
            layer.pauseProducing();
        } else {
            rawPauseProducing();
        }
    }

    void rawPauseProducing() {
        readPaused = true;
        updateInterest();
    }

    @Override
    public void resumeProducing() {
        TlsProtocol layer = tls;
        if (layer != null) {
            layer.resumeProducing();
        } else {
            rawResumeProducing();
        }
    }

    void rawResumeProducing() {
        readPaused = false;
        updateInterest();
    }

    @Override
    public void stopProducing() {
        loseConnection();
    }

    // ---- STARTTLS ----

    /**
     * {@inheritDoc}
     *
     * @implNote Bytes queued before the call are written first, in the clear; the TLS records follow them in
     * the same queue. A producer registered before the call stays registered, now through the TLS layer.
     */
    @Override
    public TlsTransport startTLS(TlsOptions options, boolean client, ByteBuffer alreadyReceived) {
        if (tls != null) {
            throw new IllegalStateException("TLS has already started on " + this);
        }
        if (!connected || disconnecting) {
            throw new IllegalStateException("cannot start TLS on " + this + ": it is closing");
        }
        String peerHost = switch (peer) {
            case IPv4Address a -> a.host();
            case IPv6Address a -> a.host();
            case UNIXAddress a -> null;
        };
        int peerPort = switch (peer) {
            case IPv4Address a -> a.port();
            case IPv6Address a -> a.port();
            case UNIXAddress a -> -1;
        };
        TlsProtocol layer = TlsProtocol.forStartTls(options, client, protocol, peerHost, peerPort);
        Producer current = registered.producer();
        boolean currentStreaming = registered.streaming();
        if (current != null) {
            rawUnregisterProducer(); // it moves over the TLS layer, so that its writes are encrypted
        }
        tls = layer;
        layer.makeConnection(new StartTlsSide(this));
        if (current != null) {
            layer.registerProducer(current, currentStreaming);
        }
        if (alreadyReceived.hasRemaining()) {
            layer.dataReceived(alreadyReceived);
        }
        return layer;
    }

    /** Returns what receives the bytes read: the TLS layer once it has started, else the protocol. */
    private Protocol receiver() {
        TlsProtocol layer = tls;
        return layer != null ? layer : protocol;
    }

    // ---- closing ----

    /** Runs a callback of the protocol or producer; if it throws, logs and aborts the connection. */
    private void guarded(String callback, Runnable call) {
        try {
            call.run();
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable error) {
            protocolFailed(callback, error);
        }
    }

    private void protocolFailed(String callback, Throwable error) {
        ReactorLog.error(protocol.getClass().getName() + "." + callback + " threw on " + this
                + "; aborting the connection", error);
        if (connected) {
            connected = false;
            closeChannel(true);
            notifyLost(new Failure(error));
        }
    }

    /** Closes the connection now and tells the protocol, from a turn of the reactor. */
    private void closeNow(Failure reason) {
        if (!connected) {
            return;
        }
        connected = false;
        closeChannel(false);
        notifyLost(reason);
    }

    private void closeChannel(boolean abort) {
        writes.clear();
        key.cancel();
        try {
            if (abort && channel.supportedOptions().contains(StandardSocketOptions.SO_LINGER)) {
                channel.setOption(StandardSocketOptions.SO_LINGER, 0); // a reset, where the socket has one
            }
        } catch (IOException e) {
            // Already broken: a plain close will do.
        }
        try {
            channel.close();
        } catch (IOException e) {
            ReactorLog.warn("error closing " + this, e);
        }
    }

    private void notifyLost(Failure reason) {
        Producer current = registered.take();
        if (current != null) {
            try {
                current.stopProducing();
            } catch (VirtualMachineError fatal) {
                throw fatal;
            } catch (Throwable error) {
                ReactorLog.error("stopProducing of " + current + " threw on " + this, error);
            }
        }
        try {
            receiver().connectionLost(reason);
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable error) {
            ReactorLog.error(protocol.getClass().getName() + ".connectionLost threw on " + this, error);
        }
        if (connector != null) {
            connector.connectionLost(reason);
        }
    }

    // ---- interest ----

    private void setWantWrite(boolean want) {
        if (wantWrite != want) {
            wantWrite = want;
            updateInterest();
        }
    }

    private void updateInterest() {
        if (!connected || !key.isValid()) {
            return;
        }
        boolean reading = !readPaused && !readClosed && !disconnecting;
        int ops = (reading ? SelectionKey.OP_READ : 0) | (wantWrite ? SelectionKey.OP_WRITE : 0);
        if (ops != interest) {
            interest = ops;
            key.interestOps(ops);
        }
    }

    /** Returns the socket this connection reads and writes. */
    final SocketChannel channel() {
        return channel;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + host + " <-> " + peer + (connected ? "" : ", closed") + "]";
    }
}
