package org.twisted4j.protocols.policies;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.IntFunction;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.Protocol;

/**
 * A factory that writes a log of each connection's traffic, as Twisted's {@code TrafficLoggingFactory}:
 * one log per connection, numbered from 1, with a line for each event.
 *
 * <pre>{@code
 * reactor.listenTCP(25, TrafficLoggingFactory.toFiles(smtpFactory, Path.of("/var/log/smtp-traffic")));
 * // writes /var/log/smtp-traffic-1, /var/log/smtp-traffic-2, ...
 * }</pre>
 *
 * <h2>The log</h2>
 * With {@code n} the connection's number and data shown as a quoted string with {@code \r}, {@code \n},
 * {@code \t}, {@code \\}, {@code \"} and {@code \xNN} escapes:
 * <pre>
 * *                      the connection was made
 * C n: "data"            data received from the peer ("C" for client)
 * S n: "data"            data written by the protocol ("S" for server)
 * SV n: ["a", "b"]       buffers written with writeSequence
 * S n: *                 the protocol called loseConnection
 * C n: Type: message     the connection was lost, and why
 * </pre>
 * Data longer than the length limit (if one is given) is cut to {@code limit - 12} bytes followed by
 * {@code <... elided>}. Each line is flushed as it is written; the log is closed when the connection is
 * lost. If writing fails, the failure is logged and the connection's traffic log stops; the connection is
 * not affected.
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public class TrafficLoggingFactory extends WrappingFactory {

    private final IntFunction<? extends Writer> logForConnection;
    private final int lengthLimit;
    private int counter;

    /**
     * Wraps {@code wrappedFactory}, logging every byte.
     *
     * @param wrappedFactory the factory that builds the real protocols
     * @param logForConnection opens the log for connection number {@code n}, counting from 1
     */
    public TrafficLoggingFactory(Factory wrappedFactory, IntFunction<? extends Writer> logForConnection) {
        this(wrappedFactory, logForConnection, 0);
    }

    /**
     * Wraps {@code wrappedFactory}, cutting long data short.
     *
     * @param wrappedFactory the factory that builds the real protocols
     * @param logForConnection opens the log for connection number {@code n}, counting from 1
     * @param lengthLimit the most bytes of one piece of data to show, or 0 for all
     * @throws IllegalArgumentException if {@code lengthLimit} is negative
     */
    public TrafficLoggingFactory(Factory wrappedFactory, IntFunction<? extends Writer> logForConnection,
            int lengthLimit) {
        super(wrappedFactory);
        this.logForConnection = Objects.requireNonNull(logForConnection, "logForConnection");
        if (lengthLimit < 0) {
            throw new IllegalArgumentException("the length limit must not be negative, not " + lengthLimit);
        }
        this.lengthLimit = lengthLimit;
    }

    /**
     * Returns a factory that logs connection {@code n} to the file {@code prefix-n} (UTF-8, replacing an
     * existing file), as Twisted's does.
     *
     * @param wrappedFactory the factory that builds the real protocols
     * @param prefix the path that the files' names start with
     * @return the factory; building a protocol throws {@link UncheckedIOException} if its file cannot be
     *     opened
     */
    public static TrafficLoggingFactory toFiles(Factory wrappedFactory, Path prefix) {
        Objects.requireNonNull(prefix, "prefix");
        return new TrafficLoggingFactory(wrappedFactory, n -> {
            Path file = prefix.resolveSibling(prefix.getFileName() + "-" + n);
            try {
                return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open the traffic log " + file, e);
            }
        });
    }

    /** Returns the number the last connection was given; 0 before the first. */
    public final int counter() {
        return counter;
    }

    /** Numbers the next connection 1 again. */
    public final void resetCounter() {
        counter = 0;
    }

    @Override
    protected ProtocolWrapper wrapProtocol(Protocol wrapped, Address peer) {
        counter++;
        Writer log = Objects.requireNonNull(logForConnection.apply(counter), "the traffic log function returned null");
        return new TrafficLoggingProtocol(this, wrapped, log, lengthLimit, counter);
    }
}
