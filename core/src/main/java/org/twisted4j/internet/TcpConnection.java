package org.twisted4j.internet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Failure;

/**
 * The transport of one TCP connection of a {@link NioReactor}: reads into the reactor's shared buffer,
 * writes through a {@link WriteQueue}, closes cleanly or at once, half-closes, and regulates producers.
 * Reactor thread only.
 */
final class TcpConnection implements TCPTransport, Selectable {

    private final NioReactor reactor;
    private final SocketChannel channel;
    private final SelectionKey key;
    private final Protocol protocol;
    private final @Nullable TcpConnector connector;
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
    private @Nullable Producer producer;
    private boolean streaming;
    private boolean producerPaused;

    /**
     * Takes over {@code key}'s channel, which is connected and registered, and attaches to the key; call
     * {@link #start()} next.
     */
    TcpConnection(NioReactor reactor, SelectionKey key, Protocol protocol, @Nullable TcpConnector connector) {
        this.reactor = reactor;
        this.key = key;
        this.channel = (SocketChannel) key.channel();
        this.protocol = protocol;
        this.connector = connector;
        this.host = addressOf(localAddress(channel));
        this.peer = addressOf(remoteAddress(channel));
        this.lowWaterMark = reactor.lowWaterMark();
        this.highWaterMark = reactor.highWaterMark();
        key.attach(this);
        updateInterest();
    }

    /** Tells the protocol the connection is made. */
    void start() {
        try {
            protocol.makeConnection(this);
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable error) {
            protocolFailed("connectionMade", error);
        }
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
                protocol.dataReceived(buffer);
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
        if (protocol instanceof HalfCloseableProtocol halfCloseable) {
            try {
                halfCloseable.readConnectionLost();
            } catch (VirtualMachineError fatal) {
                throw fatal;
            } catch (Throwable error) {
                protocolFailed("readConnectionLost", error);
            }
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
        try {
            afterDrained();
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable error) {
            protocolFailed("resumeProducing", error);
        }
    }

    private void afterDrained() {
        Producer current = producer;
        if (current instanceof PullProducer pull && !streaming) {
            pull.resumeProducing();
            return;
        }
        if (current != null) {
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
            halfCloseable.writeConnectionLost();
        }
    }

    private void resumeStreamingProducerIfLow() {
        if (producerPaused && producer instanceof PushProducer push && writes.queuedBytes() <= lowWaterMark) {
            producerPaused = false;
            try {
                push.resumeProducing();
            } catch (VirtualMachineError fatal) {
                throw fatal;
            } catch (Throwable error) {
                protocolFailed("resumeProducing", error);
            }
        }
    }

    // ---- Consumer ----

    @Override
    public void write(ByteBuffer data) {
        if (!connected || writeClosed || !data.hasRemaining()) {
            return;
        }
        ByteBuffer view = data.duplicate();
        if (writes.isEmpty()) {
            try {
                channel.write(view);
            } catch (IOException e) {
                // Keep the bytes: the next writable turn meets the same error and closes the connection.
            }
            if (!view.hasRemaining()) {
                if (producer != null && !streaming) {
                    setWantWrite(true);
                }
                return;
            }
        }
        writes.add(view);
        setWantWrite(true);
        if (streaming && !producerPaused && producer instanceof PushProducer push
                && writes.queuedBytes() > highWaterMark) {
            producerPaused = true;
            push.pauseProducing();
        }
    }

    @Override
    public void registerProducer(Producer producer, boolean streaming) {
        if (this.producer != null) {
            throw new IllegalStateException("a producer is already registered: " + this.producer);
        }
        if (streaming ? !(producer instanceof PushProducer) : !(producer instanceof PullProducer)) {
            throw new IllegalArgumentException((streaming ? "a streaming producer must be a PushProducer: "
                    : "a non-streaming producer must be a PullProducer: ") + producer);
        }
        if (!connected) {
            producer.stopProducing();
            return;
        }
        this.producer = producer;
        this.streaming = streaming;
        this.producerPaused = false;
        if (!streaming) {
            ((PullProducer) producer).resumeProducing();
        }
    }

    @Override
    public void unregisterProducer() {
        if (producer == null) {
            throw new IllegalStateException("no producer is registered");
        }
        producer = null;
        producerPaused = false;
        if (connected && (disconnecting || writeDisconnecting)) {
            setWantWrite(true);
        }
    }

    // ---- Transport ----

    @Override
    public void loseConnection() {
        if (!connected || disconnecting) {
            return;
        }
        disconnecting = true;
        setWantWrite(true);
    }

    @Override
    public void loseWriteConnection() {
        if (!connected || writeDisconnecting) {
            return;
        }
        writeDisconnecting = true;
        setWantWrite(true);
    }

    @Override
    public void abortConnection() {
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
        readPaused = true;
        updateInterest();
    }

    @Override
    public void resumeProducing() {
        readPaused = false;
        updateInterest();
    }

    @Override
    public void stopProducing() {
        loseConnection();
    }

    // ---- TCPTransport ----

    @Override
    public boolean getTcpNoDelay() {
        return option(StandardSocketOptions.TCP_NODELAY);
    }

    @Override
    public void setTcpNoDelay(boolean enabled) {
        setOption(StandardSocketOptions.TCP_NODELAY, enabled);
    }

    @Override
    public boolean getTcpKeepAlive() {
        return option(StandardSocketOptions.SO_KEEPALIVE);
    }

    @Override
    public void setTcpKeepAlive(boolean enabled) {
        setOption(StandardSocketOptions.SO_KEEPALIVE, enabled);
    }

    private boolean option(SocketOption<Boolean> option) {
        try {
            return channel.getOption(option);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + option + " of " + this, e);
        }
    }

    private void setOption(SocketOption<Boolean> option, boolean enabled) {
        try {
            channel.setOption(option, enabled);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set " + option + " of " + this, e);
        }
    }

    // ---- closing ----

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
            if (abort) {
                channel.setOption(StandardSocketOptions.SO_LINGER, 0);
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
        Producer current = producer;
        producer = null;
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
            protocol.connectionLost(reason);
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

    // ---- addresses ----

    static Address addressOf(@Nullable SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            String host = inet.getAddress().getHostAddress();
            return inet.getAddress() instanceof java.net.Inet6Address
                    ? new IPv6Address(AddressType.TCP, host, inet.getPort())
                    : new IPv4Address(AddressType.TCP, host, inet.getPort());
        }
        throw new IllegalArgumentException("not an internet address: " + address);
    }

    private static @Nullable SocketAddress localAddress(SocketChannel channel) {
        try {
            return channel.getLocalAddress();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static @Nullable SocketAddress remoteAddress(SocketChannel channel) {
        try {
            return channel.getRemoteAddress();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "TcpConnection[" + host + " <-> " + peer + (connected ? "" : ", closed") + "]";
    }
}
