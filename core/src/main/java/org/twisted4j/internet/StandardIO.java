package org.twisted4j.internet;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a {@link Protocol} over the process's standard input and output, as Twisted's
 * {@code twisted.internet.stdio.StandardIO}: what arrives on standard input is the protocol's
 * {@code dataReceived}, what it writes goes to standard output.
 *
 * <pre>{@code
 * reactor.callWhenRunning(() -> StandardIO.connect(reactor, new LineEcho()));
 * }</pre>
 * The {@code stdio:} endpoint description ({@code twist web --listen stdio:}) does the same for a factory.
 *
 * <h2>How it works</h2>
 * A JVM cannot put its standard streams into a selector, so two virtual threads do the blocking I/O: one
 * reads standard input in chunks of 64 KiB and hands each to the reactor's thread (at most two chunks in
 * flight: a paused transport or a busy reactor stops the reading, and the writer on the other end of the
 * pipe then blocks), the other writes what the protocol wrote, in order, and reports it written, so that a
 * registered producer is paused above the reactor's high water mark and resumed at its low one, as on a
 * socket.
 *
 * <h2>Closing</h2>
 * End of input is the protocol's {@link HalfCloseableProtocol#readConnectionLost()} if it is one;
 * otherwise the transport closes as after {@link Transport#loseConnection()}: what was written still goes
 * out (a request piped in with its end of input gets its whole answer), then standard output is closed
 * and {@link Protocol#connectionLost} follows with a {@link ConnectionDone}. A standard output that breaks
 * (the reader went away) is {@link HalfCloseableProtocol#writeConnectionLost()}, or closes the transport
 * with a {@link ConnectionLost}. After the close, the process's file descriptors 0 and 1 read from and
 * write to {@code /dev/null} (the JDK's way of closing them).
 *
 * <h2>Addresses</h2>
 * {@link Transport#getHost()} and {@link Transport#getPeer()} are both {@link #ADDRESS}, an unnamed UNIX
 * address, where Twisted has its {@code PipeAddress}.
 *
 * <h2>Threading</h2>
 * {@code connect} on the reactor's thread (the protocol's {@code connectionMade} runs in it); the transport
 * is reactor thread only, as every transport.
 *
 * <h2>Pitfalls</h2>
 * Anything else that writes to {@code System.out} mixes with the protocol's output: send the log to a
 * file ({@code twist --log-file}). A process has one standard input and output, so
 * {@link #connect(ReactorBackend, Protocol)} works once.
 */
public final class StandardIO {

    /** The address of either end of a standard-I/O transport: a UNIX address without a path. */
    public static final Address ADDRESS = new UNIXAddress(null);

    private static final AtomicBoolean CLAIMED = new AtomicBoolean();

    private StandardIO() {
    }

    /**
     * Connects {@code protocol} to the process's standard input and output.
     *
     * @param reactor the reactor that runs the protocol; call this on its thread
     * @param protocol the protocol; its {@code makeConnection} runs before this returns
     * @return the transport
     * @throws IllegalStateException if standard input and output have already been given to a protocol in
     *     this process
     */
    public static Transport connect(ReactorBackend reactor, Protocol protocol) {
        Objects.requireNonNull(reactor, "reactor");
        Objects.requireNonNull(protocol, "protocol");
        if (!CLAIMED.compareAndSet(false, true)) {
            throw new IllegalStateException("standard input and output are already in use by another protocol");
        }
        return connect(reactor, protocol, new FileInputStream(FileDescriptor.in),
                new FileOutputStream(FileDescriptor.out));
    }

    /**
     * Connects {@code protocol} to other streams in the same way: {@code in} is read on one virtual thread,
     * {@code out} written on another, and both are closed when the transport closes.
     *
     * @param reactor the reactor that runs the protocol; call this on its thread
     * @param protocol the protocol; its {@code makeConnection} runs before this returns
     * @param in what the protocol receives
     * @param out where what the protocol writes goes
     * @return the transport
     */
    public static Transport connect(ReactorBackend reactor, Protocol protocol, InputStream in, OutputStream out) {
        return StandardIOConnection.start(Objects.requireNonNull(reactor, "reactor"),
                Objects.requireNonNull(protocol, "protocol"), Objects.requireNonNull(in, "in"),
                Objects.requireNonNull(out, "out"));
    }
}
