package org.twisted4j.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.twisted4j.internet.ProcessTransport;
import org.twisted4j.internet.Producer;

/**
 * A child process that runs nothing and records what its {@link org.twisted4j.internet.ProcessProtocol} does to
 * it: the bytes written to its standard input, the pipes closed, the signals sent, the producer registered and
 * whether its output is paused. The way to unit-test a process protocol without starting a process: connect the
 * protocol to it, drive the protocol's {@code childDataReceived} and {@code processEnded} yourself, and look at
 * what was done to the child.
 *
 * <pre>{@code
 * FakeProcessTransport child = new FakeProcessTransport();
 * protocol.makeConnection(child);
 * protocol.childDataReceived(1, ByteBuffer.wrap("ready\n".getBytes(US_ASCII)));
 * assertThat(child.stdinAsString(US_ASCII)).isEqualTo("go\n");
 * assertThat(child.signals()).containsExactly("TERM");
 * }</pre>
 *
 * <p>It is strict about producers, as {@link StringTransport} is: registering a second one, or unregistering
 * when none is registered, throws. It only records: closing standard input does not wait for a producer to
 * unregister, writes are kept even after {@link #closeStdin()} (so a test can see them), signals are accepted
 * whatever their name, and no {@code childConnectionLost} or {@code processEnded} is sent.
 *
 * <h2>Threading</h2>
 * Single-threaded, like the reactor thread it stands in for: use it from one thread.
 */
public final class FakeProcessTransport implements ProcessTransport {
    private final long pid;
    private final ByteArrayOutputStream stdin = new ByteArrayOutputStream();
    private final List<String> signals = new ArrayList<>();
    private final List<String> events = new ArrayList<>();
    private @Nullable Producer producer;
    private boolean streaming;
    private boolean stdinClosed;
    private boolean lost;
    private boolean paused;

    /** Creates a child with process id 42. */
    public FakeProcessTransport() {
        this(42);
    }

    /** Creates a child with process id {@code pid}. */
    public FakeProcessTransport(long pid) {
        this.pid = pid;
    }

    // What a test reads.

    /** Returns a copy of every byte written to standard input so far. */
    public byte[] stdin() {
        return stdin.toByteArray();
    }

    /** Returns what was written to standard input so far, decoded with {@code charset}. */
    public String stdinAsString(Charset charset) {
        return stdin.toString(charset);
    }

    /** Returns the signals sent, in order, by name ({@code "KILL"}, {@code "TERM"}...); a read-only view. */
    public List<String> signals() {
        return Collections.unmodifiableList(signals);
    }

    /**
     * Returns the calls made to this transport other than writes and pausing, in order, as their method names
     * ({@code "registerProducer"}, {@code "unregisterProducer"}, {@code "closeStdin"}, {@code "closeStdout"},
     * {@code "closeStderr"}, {@code "loseConnection"}, {@code "stopProducing"}) or {@code "signalProcess NAME"};
     * a read-only view, for tests that care about the order.
     */
    public List<String> events() {
        return Collections.unmodifiableList(events);
    }

    /** Returns the registered producer, or null when none is. */
    public @Nullable Producer producer() {
        return producer;
    }

    /** Returns whether the registered (or last registered) producer is a push producer. */
    public boolean isStreaming() {
        return streaming;
    }

    /** Returns whether {@link #closeStdin()} (or {@code closeChildFD(0)}) was called. */
    public boolean isStdinClosed() {
        return stdinClosed;
    }

    /** Returns whether {@link #loseConnection()} or {@link #stopProducing()} was called. */
    public boolean isLost() {
        return lost;
    }

    /** Returns whether the child's output is paused: {@link #pauseProducing()} without a later resume. */
    public boolean isPaused() {
        return paused;
    }

    /**
     * Acts as a real transport does when the child's standard input breaks: forgets the registered producer and
     * tells it to stop producing. The protocol is not told.
     */
    public void loseStdin() {
        Producer current = producer;
        producer = null;
        if (current != null) {
            current.stopProducing();
        }
    }

    // ProcessTransport.

    /** Returns the process id given at construction. */
    @Override
    public long pid() {
        return pid;
    }

    /** Records the bytes between {@code data}'s position and limit as written to standard input. */
    @Override
    public void write(ByteBuffer data) {
        ByteBuffer view = data.duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        stdin.writeBytes(bytes);
    }

    /**
     * As {@link #write(ByteBuffer)}.
     *
     * @throws IllegalArgumentException if {@code childFD} is not 0
     */
    @Override
    public void writeToChild(int childFD, ByteBuffer data) {
        if (childFD != 0) {
            throw new IllegalArgumentException("only the child's descriptor 0 can be written to, not " + childFD);
        }
        write(data);
    }

    /**
     * Records {@code producer}; it is never asked to produce.
     *
     * @throws IllegalStateException if a producer is registered already
     */
    @Override
    public void registerProducer(Producer producer, boolean streaming) {
        if (this.producer != null) {
            throw new IllegalStateException(
                    "cannot register producer " + producer + ": " + this.producer + " is registered already");
        }
        events.add("registerProducer");
        this.producer = producer;
        this.streaming = streaming;
    }

    /**
     * Forgets the registered producer.
     *
     * @throws IllegalStateException if none is registered
     */
    @Override
    public void unregisterProducer() {
        if (producer == null) {
            throw new IllegalStateException("cannot unregister a producer: none is registered");
        }
        events.add("unregisterProducer");
        producer = null;
    }

    /** Records that standard input was closed. */
    @Override
    public void closeStdin() {
        events.add("closeStdin");
        stdinClosed = true;
    }

    /** Records the call. */
    @Override
    public void closeStdout() {
        events.add("closeStdout");
    }

    /** Records the call. */
    @Override
    public void closeStderr() {
        events.add("closeStderr");
    }

    /**
     * Closes descriptor 0, 1 or 2 as {@link #closeStdin()}, {@link #closeStdout()} or {@link #closeStderr()}.
     *
     * @throws IllegalArgumentException if {@code childFD} is another number
     */
    @Override
    public void closeChildFD(int childFD) {
        switch (childFD) {
            case 0 -> closeStdin();
            case 1 -> closeStdout();
            case 2 -> closeStderr();
            default -> throw new IllegalArgumentException("no such child descriptor: " + childFD);
        }
    }

    /** Records that the connection was lost; standard input is not marked closed. */
    @Override
    public void loseConnection() {
        events.add("loseConnection");
        lost = true;
    }

    /** Records {@code signal}; any name is accepted. */
    @Override
    public void signalProcess(String signal) {
        events.add("signalProcess " + signal);
        signals.add(signal);
    }

    /** Marks the child's output paused. */
    @Override
    public void pauseProducing() {
        paused = true;
    }

    /** Marks the child's output no longer paused. */
    @Override
    public void resumeProducing() {
        paused = false;
    }

    /** Records the call, and that the connection was lost. */
    @Override
    public void stopProducing() {
        events.add("stopProducing");
        lost = true;
    }

    @Override
    public String toString() {
        return "FakeProcessTransport(pid " + pid + ")";
    }
}
