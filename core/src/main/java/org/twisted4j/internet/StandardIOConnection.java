package org.twisted4j.internet;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import org.twisted4j.defer.Failure;

/**
 * The transport {@link StandardIO} gives its protocol: a {@link PipeReader} on the input, a
 * {@link PipeWriter} on the output, and the rules of {@link StandardIO}'s javadoc for closing them. Every
 * event reaches it on the reactor's thread.
 */
final class StandardIOConnection implements Transport, PipeReader.Owner, PipeWriter.Owner {

    private static final AtomicInteger COUNT = new AtomicInteger();

    private final ReactorBackend reactor;
    private final Protocol protocol;
    private final PipeReader reader;
    private final PipeWriter writer;

    private boolean paused;
    private boolean disconnecting;
    private boolean disconnected;
    private RuntimeException reason = new ConnectionDone();

    private StandardIOConnection(ReactorBackend reactor, Protocol protocol, InputStream in, OutputStream out) {
        this.reactor = reactor;
        this.protocol = protocol;
        this.reader = new PipeReader(reactor, this, 0, in);
        this.writer = new PipeWriter(reactor, this, out);
    }

    static StandardIOConnection start(ReactorBackend reactor, Protocol protocol, InputStream in, OutputStream out) {
        StandardIOConnection connection = new StandardIOConnection(reactor, protocol, in, out);
        String name = "twisted4j-stdio-" + COUNT.incrementAndGet();
        connection.writer.start(name + "-out");
        if (!connection.guarded("makeConnection", () -> protocol.makeConnection(connection))) {
            connection.abortConnection();
        }
        connection.reader.start(name + "-in");
        return connection;
    }

    // ---- the pipes ----

    @Override
    public boolean isPaused() {
        return paused;
    }

    @Override
    public void dataReceived(int fd, ByteBuffer chunk) {
        if (!disconnecting && !guarded("dataReceived", () -> protocol.dataReceived(chunk))) {
            abortConnection();
        }
    }

    @Override
    public void readerLost(int fd) {
        if (disconnecting) {
            maybeLost();
        } else if (protocol instanceof HalfCloseableProtocol halfCloseable) {
            if (!guarded("readConnectionLost", halfCloseable::readConnectionLost)) {
                abortConnection();
            }
            maybeLost();
        } else {
            loseConnection();
        }
    }

    @Override
    public void writerEnded() {
        if (disconnecting) {
            maybeLost();
        } else if (protocol instanceof HalfCloseableProtocol halfCloseable) {
            if (!guarded("writeConnectionLost", halfCloseable::writeConnectionLost)) {
                abortConnection();
            }
            maybeLost();
        } else {
            reason = new ConnectionLost("standard output was closed by its reader");
            loseConnection();
        }
    }

    private void maybeLost() {
        if (reader.isLost() && writer.isLost()) {
            notifyLost();
        }
    }

    private void notifyLost() {
        if (!disconnected) {
            disconnected = true;
            Failure failure = new Failure(reason);
            guarded("connectionLost", () -> protocol.connectionLost(failure));
        }
    }

    // ---- Transport ----

    /**
     * {@inheritDoc}
     *
     * @implNote The bytes are queued as a view of {@code data} for the writing thread; a chunk of input
     * handed to the protocol is copied instead, since its buffer is reused.
     */
    @Override
    public void write(ByteBuffer data) {
        if (!writer.acceptsWrites() || !data.hasRemaining()) {
            return;
        }
        ByteBuffer view;
        if (reader.owns(data)) {
            view = ByteBuffer.allocate(data.remaining());
            view.put(data.duplicate()).flip();
        } else {
            view = data.duplicate();
        }
        writer.write(view);
    }

    @Override
    public void registerProducer(Producer producer, boolean streaming) {
        writer.registerProducer(producer, streaming);
    }

    @Override
    public void unregisterProducer() {
        writer.unregisterProducer();
    }

    @Override
    public void loseConnection() {
        if (disconnecting) {
            return;
        }
        disconnecting = true;
        reader.close();
        writer.close();
    }

    @Override
    public void abortConnection() {
        if (!disconnected) {
            reason = new ConnectionAborted();
        }
        disconnecting = true;
        reader.close();
        writer.closeNow();
        // The pipes' threads may be stuck in a read or a write nobody will complete (a full pipe nobody reads):
        // an abort does not wait for them, as a socket's does not, and their own ends come too late to matter.
        reactor.callLater(0, this::notifyLost);
    }

    @Override
    public boolean isDisconnecting() {
        return disconnecting;
    }

    @Override
    public Address getPeer() {
        return StandardIO.ADDRESS;
    }

    @Override
    public Address getHost() {
        return StandardIO.ADDRESS;
    }

    @Override
    public void pauseProducing() {
        paused = true;
    }

    @Override
    public void resumeProducing() {
        if (paused) {
            paused = false;
            reader.resume();
        }
    }

    @Override
    public void stopProducing() {
        loseConnection();
    }

    @Override
    public boolean guarded(String callback, Runnable call) {
        try {
            call.run();
            return true;
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable error) {
            ReactorLog.error(protocol.getClass().getName() + "." + callback + " threw on standard I/O", error);
            return false;
        }
    }

    @Override
    public String toString() {
        return "StandardIO[" + (disconnected ? "closed" : disconnecting ? "closing" : "open") + "]";
    }
}
