package org.twisted4j.internet;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ssl.TlsOptions;
import org.twisted4j.protocols.tls.TlsTransport;

/**
 * The transport of one stream connection of a {@link NioReactor}, over TCP or a UNIX domain socket: reads
 * into the reactor's shared buffer, writes through a {@link StreamWriter}, closes cleanly or at once,
 * half-closes, and starts TLS on request (STARTTLS). The subclasses add what belongs to one kind of socket.
 * Reactor thread only.
 *
 * <p>The protocol's writes, closes, producers and pauses go where the {@link StartTlsRouting} says: to the
 * {@link SocketSide}, which calls the {@code raw} methods here, or once TLS has started to a TLS layer that
 * reaches the socket through that same {@link SocketSide}.
 *
 * <p>File regions ({@link #writeFile}) go straight to the write queue; they cannot go through TLS, and the
 * connection stops offering them once TLS has started.
 *
 * <p>After {@code loseConnection} the protocol receives no more data, but the socket is still read while
 * the queue drains and a registered producer finishes, and what arrives is discarded: that way a reset or
 * end of stream from the peer is noticed even while nothing is written, as when a producer waits for data
 * that will never come. A reset closes the connection; so does an end of stream, unless the protocol is a
 * {@link HalfCloseableProtocol}, which gets the rest of what it wrote sent first. Either way a registered
 * producer is stopped.
 */
abstract sealed class StreamConnection extends Selectable
        implements TlsUpgradable, FileRegionTransport, WriteQueueTransport, SocketControls
        permits TcpConnection, UnixConnection {

    private final NioReactor reactor;
    private final SocketChannel channel;
    private final SelectionKey key;
    private final Protocol protocol;
    private final @Nullable StreamConnector connector;
    private final Address host;
    private final Address peer;
    private final StreamWriter writer;
    private final StartTlsRouting routing;

    /** The most reads in one readable turn. */
    static final int MAX_READS_PER_TURN = 16;

    private boolean connected = true;
    private boolean disconnecting;
    private boolean readPaused;
    private boolean readClosed;
    private boolean writeDisconnecting;
    private boolean writeClosed;
    private int interest = -1;

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
        this.writer = new StreamWriter(channel, reactor.readBuffers(), reactor.lowWaterMark(), reactor.highWaterMark(),
                this::updateInterest);
        this.routing = new StartTlsRouting(protocol, new SocketSide(this), writer);
        key.attach(this);
        updateInterest();
    }

    /** Tells the protocol the connection is made. */
    void start() {
        guarded("connectionMade", () -> protocol.makeConnection(this));
    }

    /** Returns how many bytes held in buffers wait to be written. */
    long queuedBytes() {
        return writer.queuedBytes();
    }

    /**
     * {@inheritDoc}
     *
     * @implNote Once TLS has started, the buffers written here go to the TLS layer, which may hold them before
     *     the handshake: the answer is then true.
     */
    @Override
    public boolean holdsWrites() {
        return routing.tlsStarted() || socketHoldsWrites();
    }

    /** Returns how many bytes of file regions wait to be sent. */
    long queuedFileBytes() {
        return writer.queuedFileBytes();
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

    /**
     * Reads, and while each read fills the buffer (more is likely waiting) reads again, up to
     * {@link #MAX_READS_PER_TURN} times; the writes made meanwhile are held back and leave together after the
     * last read, in one gathering write rather than one per read.
     */
    private void doRead() {
        if (disconnecting && writer.isEmpty() && writer.producer() == null) {
            closeNow(new Failure(new ConnectionDone())); // the close only waited for its writable turn
            return;
        }
        for (int reads = 1; ; reads++) {
            ByteBuffer buffer = reactor.readBuffer(); // another one if a write queue kept the last one
            buffer.clear();
            int read;
            try {
                read = channel.read(buffer);
            } catch (IOException e) {
                endGather();
                closeNow(new Failure(new ConnectionLost("reading failed: " + e.getMessage(), e)));
                return;
            }
            if (read < 0) {
                endGather();
                readEnded();
                return;
            }
            if (read == 0) {
                break;
            }
            if (disconnecting) {
                break; // read only to notice a reset or end of stream: the protocol has finished reading
            }
            boolean full = read == buffer.capacity();
            if (full && reads == 1) {
                writer.beginGather();
            }
            buffer.flip();
            try {
                routing.receiver().dataReceived(buffer); // no lambda here: this is the hot path
            } catch (VirtualMachineError fatal) {
                throw fatal;
            } catch (Throwable error) {
                protocolFailed("dataReceived", error);
            }
            if (!full || reads == MAX_READS_PER_TURN || !connected || readPaused || readClosed || disconnecting) {
                break;
            }
        }
        endGather();
    }

    private void endGather() {
        boolean drained = writer.endGather(connected);
        if (fireSentRegions() && drained) {
            guarded("resumeProducing", this::afterDrained);
        }
    }

    /** Fires the Deferreds of file regions sent in full; true if still open with nothing left to write. */
    private boolean fireSentRegions() {
        for (FileRegion region = writer.pollSentRegion(); region != null; region = writer.pollSentRegion()) {
            guarded("a writeFile callback", region::succeed);
        }
        return connected && writer.isEmpty();
    }

    private void readEnded() {
        readClosed = true;
        updateInterest();
        if (routing.receiver() instanceof HalfCloseableProtocol halfCloseable) {
            if (!disconnecting) {
                guarded("readConnectionLost", halfCloseable::readConnectionLost);
            }
        } else {
            closeNow(new Failure(new ConnectionDone()));
        }
    }

    private void doWrite() {
        boolean drained;
        try {
            drained = writer.flush();
        } catch (IOException e) {
            closeNow(new Failure(new ConnectionLost("writing failed: " + e.getMessage(), e)));
            return;
        }
        drained = fireSentRegions() && drained;
        if (!connected) {
            return;
        }
        if (!drained) {
            resumeStreamingProducerIfLow();
            return;
        }
        guarded("resumeProducing", this::afterDrained);
    }

    private void afterDrained() {
        PullProducer pull = writer.pullProducer();
        if (pull != null) {
            pull.resumeProducing();
            return;
        }
        if (writer.producer() != null) {
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
        PushProducer push = writer.producerToResume();
        if (push != null) {
            guarded("resumeProducing", push::resumeProducing);
        }
    }

    // ---- Transport: to the socket side, or to the TLS layer once it has started ----

    /**
     * {@inheritDoc}
     *
     * @implNote When nothing is waiting, the bytes go to the socket at once; what it does not take is kept
     * (as a view of {@code data}, not a copy) until the socket is writable. When that is the reactor's own
     * read buffer, handed to a protocol in {@code dataReceived}, the queue holds the buffer and the reactor's
     * next read lands in another one, so that it is not copied either (a small remainder is). While a read burst
     * lasts (reads that fill the read buffer, several in one turn), writes are held back and leave together
     * after its last read, in one gathering write.
     */
    @Override
    public void write(ByteBuffer data) {
        routing.front().write(data);
    }

    /**
     * {@inheritDoc}
     *
     * @implNote The buffers are queued and handed to the socket in one gathering write.
     */
    @Override
    public void writeSequence(List<ByteBuffer> data) {
        routing.front().writeSequence(data);
    }

    /** {@inheritDoc} True until TLS has started on this connection. */
    @Override
    public boolean canWriteFile() {
        return !routing.tlsStarted();
    }

    /**
     * {@inheritDoc}
     *
     * @implNote A writable turn hands the region at the head of the queue to {@link FileChannel#transferTo}
     * (one {@code sendfile} call on Linux). After {@link #loseConnection()} a region is still accepted and
     * sent before the close, as bytes are.
     */
    @Override
    public Deferred<@Nullable Void> writeFile(FileChannel file, long position, long count) {
        FileRegion region = FileRegion.checked(file, position, count);
        if (routing.tlsStarted()) {
            throw new IllegalStateException("TLS has started on " + this + ": file regions cannot be sent as they"
                    + " are (see canWriteFile)");
        }
        if (!connected || writeClosed) {
            return Deferred.fail(new ConnectionClosed("cannot send a file region on " + this + ": it is closed"
                    + (connected ? " for writing" : "")));
        }
        if (count == 0 || writer.writeFile(region)) {
            region.succeed();
        }
        return region.sent();
    }

    @Override
    public void registerProducer(Producer producer, boolean streaming) {
        routing.front().registerProducer(producer, streaming);
    }

    @Override
    public void unregisterProducer() {
        routing.front().unregisterProducer();
    }

    @Override
    public boolean isDisconnecting() {
        return routing.front().isDisconnecting();
    }

    @Override
    public void loseConnection() {
        routing.front().loseConnection();
    }

    @Override
    public void abortConnection() {
        routing.front().abortConnection();
    }

    @Override
    public void pauseProducing() {
        routing.front().pauseProducing();
    }

    @Override
    public void resumeProducing() {
        routing.front().resumeProducing();
    }

    @Override
    public void stopProducing() {
        loseConnection();
    }

    /**
     * Half-closes the connection once everything queued is written and no producer is registered, as
     * {@link TCPTransport#loseWriteConnection()} describes; once TLS has started, half-closes the TLS session
     * instead, as {@link TlsTransport#loseWriteConnection()} describes.
     */
    public void loseWriteConnection() {
        if (routing.tlsStarted() && routing.front() instanceof TlsTransport tls) {
            tls.loseWriteConnection();
            return;
        }
        if (!connected || writeDisconnecting) {
            return;
        }
        writeDisconnecting = true;
        writer.setWantWrite(true);
    }

    @Override
    public Address getPeer() {
        return peer;
    }

    @Override
    public Address getHost() {
        return host;
    }

    // ---- the socket side: where SocketSide's calls land ----

    /** Writes to the socket, under TLS if it has started. */
    @Override
    public void rawWrite(ByteBuffer data) {
        if (!connected || writeClosed || !data.hasRemaining()) {
            return;
        }
        writer.write(data);
    }

    /** Returns whether the socket's write queue holds anything: what {@link SocketSide#holdsWrites()} says. */
    @Override
    public boolean socketHoldsWrites() {
        return !writer.isEmpty();
    }

    @Override
    public void rawWriteSequence(List<ByteBuffer> data) {
        if (!connected || writeClosed) {
            return;
        }
        writer.writeSequence(data);
    }

    @Override
    public void rawRegisterProducer(Producer producer, boolean streaming) {
        writer.checkRegistrable(producer, streaming);
        if (!connected) {
            producer.stopProducing();
            return;
        }
        writer.register(producer, streaming);
    }

    @Override
    public void rawUnregisterProducer() {
        writer.unregister();
        if (connected && (disconnecting || writeDisconnecting)) {
            writer.setWantWrite(true);
        }
    }

    @Override
    public boolean rawIsDisconnecting() {
        return disconnecting || !connected;
    }

    @Override
    public void rawLoseConnection() {
        if (!connected || disconnecting) {
            return;
        }
        disconnecting = true;
        writer.setWantWrite(true);
    }

    @Override
    public void rawAbortConnection() {
        if (!connected) {
            return;
        }
        connected = false;
        Failure reason = new Failure(new ConnectionAborted());
        closeChannel(true, reason);
        reactor.callLater(0, () -> notifyLost(reason));
    }

    @Override
    public void rawPauseProducing() {
        readPaused = true;
        updateInterest();
    }

    @Override
    public void rawResumeProducing() {
        readPaused = false;
        updateInterest();
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
        if (routing.tlsStarted()) {
            throw new IllegalStateException("TLS has already started on " + this);
        }
        if (!connected || disconnecting) {
            throw new IllegalStateException("cannot start TLS on " + this + ": it is closing");
        }
        return routing.startTls(options, client, alreadyReceived);
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
            Failure reason = new Failure(error);
            closeChannel(true, reason);
            notifyLost(reason);
        }
    }

    /** Closes the connection now and tells the protocol, from a turn of the reactor. */
    private void closeNow(Failure reason) {
        if (!connected) {
            return;
        }
        connected = false;
        closeChannel(false, reason);
        notifyLost(reason);
    }

    /** Closes the socket; the Deferreds of file regions not sent in full fail with {@code reason}. */
    private void closeChannel(boolean abort, Failure reason) {
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
        writer.discard(reason);
    }

    private void notifyLost(Failure reason) {
        Producer current = writer.takeProducer();
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
            routing.receiver().connectionLost(reason);
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

    private void updateInterest() {
        if (!connected || !key.isValid()) {
            return;
        }
        boolean reading = !readPaused && !readClosed;
        int ops = (reading ? SelectionKey.OP_READ : 0) | (writer.wantsWrite() ? SelectionKey.OP_WRITE : 0);
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
