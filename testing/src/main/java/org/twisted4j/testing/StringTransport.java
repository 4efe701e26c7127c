package org.twisted4j.testing;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.AddressType;
import org.twisted4j.internet.FileRegionTransport;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.Producer;
import org.twisted4j.internet.TCPTransport;

/**
 * A transport that keeps what is written to it in memory and records every other request, without doing
 * anything about it, as Twisted's {@code StringTransport}. The way to unit-test a protocol: feed it bytes,
 * look at what it wrote.
 *
 * <h2>Using it</h2>
 * <pre>{@code
 * StringTransport transport = new StringTransport();
 * Echo protocol = new Echo();
 * protocol.makeConnection(transport);
 *
 * protocol.dataReceived(ByteBuffer.wrap("hello".getBytes(UTF_8)));
 * assertThat(transport.valueAsString()).isEqualTo("hello");
 * transport.clear();
 * }</pre>
 *
 * <p>Besides the {@link TCPTransport} and {@link FileRegionTransport} methods, it has methods for tests to read what happened:
 * {@link #value()}, {@link #isDisconnecting()}, {@link #isAborted()}, {@link #producer()},
 * {@link #producerState()} and others. Protocol code must not use them: real transports lack them.
 *
 * <h2>What it records, and what it does not do</h2>
 * <ul>
 *   <li>{@link #loseConnection()} and {@link #abortConnection()} only set flags; the protocol's
 *       {@code connectionLost} is not called (use {@link StringTransportWithDisconnection} for that).</li>
 *   <li>A registered producer is recorded but never asked to produce.</li>
 *   <li>Its own producer side ({@link #pauseProducing()} and friends) is a recorded
 *       {@link ProducerState}. Like Twisted's, it is strict: pausing or resuming after
 *       {@code loseConnection} or {@code stopProducing} throws, unless {@linkplain #setLenient lenient}.</li>
 *   <li>Writes are recorded even after {@code loseConnection}, so a test can see them.</li>
 *   <li>A file region ({@link #writeFile}) is read into the recorded bytes at once, in order with the other
 *       writes, so protocol tests exercise the same path as on a real TCP connection. A test that wants the
 *       other path, as over TLS, turns regions off with {@link #setCanWriteFile}.</li>
 * </ul>
 *
 * <h2>Threading</h2>
 * Single-threaded, like the reactor thread it stands in for: use it from one thread.
 */
public class StringTransport implements TCPTransport, FileRegionTransport {

    /** The host address given when none is set: a private IPv4 address, TCP port 12345. */
    public static final Address DEFAULT_HOST = new IPv4Address(AddressType.TCP, "10.0.0.1", 12345);

    /** The peer address given when none is set: a private IPv4 address, TCP port 54321. */
    public static final Address DEFAULT_PEER = new IPv4Address(AddressType.TCP, "192.168.1.1", 54321);

    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private Address host;
    private Address peer;
    private boolean disconnecting;
    private boolean aborted;
    private boolean writeDisconnected;
    private boolean lenient;
    private final ProducerSlot slot = new ProducerSlot();
    private ProducerState producerState = ProducerState.PRODUCING;
    private boolean tcpNoDelay;
    private boolean tcpKeepAlive;
    private boolean canWriteFile = true;
    private int fileRegionsWritten;

    /** Creates a transport with {@link #DEFAULT_HOST} and {@link #DEFAULT_PEER} as its addresses. */
    public StringTransport() {
        this(DEFAULT_HOST, DEFAULT_PEER);
    }

    /**
     * Creates a transport with the given addresses.
     *
     * @param host what {@link #getHost()} returns
     * @param peer what {@link #getPeer()} returns
     */
    public StringTransport(Address host, Address peer) {
        this.host = Objects.requireNonNull(host, "host");
        this.peer = Objects.requireNonNull(peer, "peer");
    }

    // What tests read.

    /** Returns a copy of every byte written since this transport was made or last {@linkplain #clear cleared}. */
    public byte[] value() {
        return written.toByteArray();
    }

    /** Returns what {@link #value()} returns, decoded as UTF-8. */
    public String valueAsString() {
        return valueAsString(StandardCharsets.UTF_8);
    }

    /**
     * Returns what {@link #value()} returns, decoded with {@code charset}.
     *
     * @param charset how to decode the bytes
     */
    public String valueAsString(Charset charset) {
        return written.toString(charset);
    }

    /** Forgets what has been written so far, so that {@link #value()} shows only what comes next. */
    public void clear() {
        written.reset();
    }

    /** Returns whether {@link #loseConnection()} or {@link #abortConnection()} has been called. */
    public boolean isDisconnecting() {
        return disconnecting;
    }

    /** Returns whether {@link #abortConnection()} has been called. */
    public boolean isAborted() {
        return aborted;
    }

    /** Returns whether {@link #loseWriteConnection()} has been called. */
    public boolean isWriteDisconnected() {
        return writeDisconnected;
    }

    /** Returns the registered producer, or null if none is registered. */
    public @Nullable Producer producer() {
        return slot.producer();
    }

    /** Returns whether the registered producer was registered as streaming; false when none is registered. */
    public boolean isStreaming() {
        return slot.isStreaming();
    }

    /** Returns how many file regions {@link #writeFile} has been given (each read into {@link #value()}). */
    public int fileRegionsWritten() {
        return fileRegionsWritten;
    }

    /**
     * Sets what {@link #canWriteFile()} answers (true unless set): false makes this transport act as one
     * that cannot send files, as a TLS connection, so that callers take their fallback path.
     *
     * @param can whether file regions may be written
     */
    public void setCanWriteFile(boolean can) {
        this.canWriteFile = can;
    }

    /** Returns what was last asked of this transport as a producer of the bytes it reads. */
    public ProducerState producerState() {
        return producerState;
    }

    /**
     * Sets the address {@link #getHost()} returns.
     *
     * @param host the address of this end
     */
    public void setHost(Address host) {
        this.host = Objects.requireNonNull(host, "host");
    }

    /**
     * Sets the address {@link #getPeer()} returns.
     *
     * @param peer the address of the other end
     */
    public void setPeer(Address peer) {
        this.peer = Objects.requireNonNull(peer, "peer");
    }

    /**
     * Allows pausing and resuming after {@link #loseConnection()}, which is refused by default to catch
     * code that expects a closing connection to deliver more data. Resuming a stopped producer stays an
     * error.
     *
     * @param lenient true to allow it
     */
    public void setLenient(boolean lenient) {
        this.lenient = lenient;
    }

    // Transport.

    /** Records the bytes between {@code data}'s position and limit, leaving the buffer as it was. */
    @Override
    public void write(ByteBuffer data) {
        ByteBuffer view = data.duplicate();
        if (view.hasArray()) {
            written.write(view.array(), view.arrayOffset() + view.position(), view.remaining());
        } else {
            byte[] copy = new byte[view.remaining()];
            view.get(copy);
            written.writeBytes(copy);
        }
    }

    /** Returns true unless {@linkplain #setCanWriteFile turned off}. */
    @Override
    public boolean canWriteFile() {
        return canWriteFile;
    }

    /**
     * Reads the region now and records its bytes after those written before, as if sent at once.
     *
     * @return a Deferred that has fired: with null, or with an {@link EOFException} if the file ended
     *     before the region did (the bytes up to its end are recorded), or with the {@link IOException} that
     *     reading it met
     * @throws IllegalArgumentException if {@code position} or {@code count} is negative or their sum
     *     overflows, or {@code file} is closed
     * @throws IllegalStateException if regions were {@linkplain #setCanWriteFile turned off}
     */
    @Override
    public Deferred<@Nullable Void> writeFile(FileChannel file, long position, long count) {
        if (position < 0 || count < 0 || position + count < 0) {
            throw new IllegalArgumentException("bad file region: " + count + " bytes from " + position);
        }
        if (!file.isOpen()) {
            throw new IllegalArgumentException("the file of a region must be open: " + file);
        }
        if (!canWriteFile) {
            throw new IllegalStateException("file regions are turned off on " + this);
        }
        fileRegionsWritten++;
        ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(count, 64 * 1024));
        long at = position;
        long end = position + count;
        try {
            while (at < end) {
                chunk.clear().limit((int) Math.min(chunk.capacity(), end - at));
                int n = file.read(chunk, at);
                if (n < 0) {
                    return Deferred.fail(new EOFException("the file ended at byte " + at + ", before its region up to"
                            + " byte " + end));
                }
                written.write(chunk.array(), 0, n);
                at += n;
            }
        } catch (IOException e) {
            return Deferred.fail(e);
        }
        return Deferred.succeed(null);
    }

    /** Records that the connection should close; see {@link #isDisconnecting()}. */
    @Override
    public void loseConnection() {
        disconnecting = true;
    }

    /** Records that the connection should be aborted; see {@link #isAborted()} and {@link #isDisconnecting()}. */
    @Override
    public void abortConnection() {
        aborted = true;
        disconnecting = true;
    }

    /** Records that the write side should close; see {@link #isWriteDisconnected()}. */
    @Override
    public void loseWriteConnection() {
        writeDisconnected = true;
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
    public boolean getTcpNoDelay() {
        return tcpNoDelay;
    }

    @Override
    public void setTcpNoDelay(boolean enabled) {
        tcpNoDelay = enabled;
    }

    @Override
    public boolean getTcpKeepAlive() {
        return tcpKeepAlive;
    }

    @Override
    public void setTcpKeepAlive(boolean enabled) {
        tcpKeepAlive = enabled;
    }

    // Consumer.

    /**
     * Records the producer; see {@link #producer()} and {@link #isStreaming()}. It is not asked to produce.
     *
     * @throws IllegalStateException if a producer is registered already
     * @throws IllegalArgumentException if {@code producer} is not of the kind {@code streaming} says
     */
    @Override
    public void registerProducer(Producer producer, boolean streaming) {
        Objects.requireNonNull(producer, "producer");
        slot.register(producer, streaming);
    }

    /**
     * Forgets the registered producer.
     *
     * @throws IllegalStateException if no producer is registered
     */
    @Override
    public void unregisterProducer() {
        slot.unregister();
    }

    // PushProducer: the read side.

    /**
     * Records {@link ProducerState#PAUSED}.
     *
     * @throws IllegalStateException if the connection is closing (unless lenient) or reading was stopped
     */
    @Override
    public void pauseProducing() {
        checkCanChangeProducing("pause");
        producerState = ProducerState.PAUSED;
    }

    /**
     * Records {@link ProducerState#PRODUCING}.
     *
     * @throws IllegalStateException if the connection is closing (unless lenient) or reading was stopped
     */
    @Override
    public void resumeProducing() {
        checkCanChangeProducing("resume");
        producerState = ProducerState.PRODUCING;
    }

    /** Records {@link ProducerState#STOPPED}; unlike a real transport, does not close the connection. */
    @Override
    public void stopProducing() {
        producerState = ProducerState.STOPPED;
    }

    private void checkCanChangeProducing(String what) {
        if (disconnecting && !lenient) {
            throw new IllegalStateException("cannot " + what + " producing after loseConnection");
        }
        if (producerState == ProducerState.STOPPED) {
            throw new IllegalStateException("cannot " + what + " a stopped producer");
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + host + " -> " + peer + ", " + written.size() + " bytes written"
                + (disconnecting ? ", disconnecting" : "") + "]";
    }
}
