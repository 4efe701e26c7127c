package org.twisted4j.internet.endpoints;

import java.nio.file.Path;
import java.util.Objects;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.ReactorTCP;
import org.twisted4j.internet.ReactorUnix;

/**
 * Connects to a UNIX stream socket, as Twisted's {@code UNIXClientEndpoint}; description
 * {@code unix:path=PATH:timeout=S:checkPID=1} or {@code unix:PATH}.
 *
 * <pre>{@code
 * new UNIXClientEndpoint(reactor, Path.of("/run/app.sock")).connect(factory);
 * }</pre>
 *
 * <h2>Threading</h2>
 * Immutable, so any thread may hold one; {@link #connect} belongs to the reactor thread.
 */
public final class UNIXClientEndpoint implements StreamClientEndpoint {

    private final ReactorUnix reactor;
    private final Path path;
    private final double timeout;
    private final boolean checkPID;

    /**
     * Creates an endpoint with the default timeout that does not check the lock file.
     *
     * @param reactor the reactor that connects
     * @param path the socket file to connect to
     */
    public UNIXClientEndpoint(ReactorUnix reactor, Path path) {
        this(reactor, path, ReactorTCP.DEFAULT_CONNECT_TIMEOUT, false);
    }

    /**
     * Creates an endpoint.
     *
     * @param reactor the reactor that connects
     * @param path the socket file to connect to
     * @param timeout seconds to wait for the connection before giving up
     * @param checkPID whether to check, before connecting, that the lock file names a live process
     * @throws IllegalArgumentException if {@code timeout} is not a positive number
     */
    public UNIXClientEndpoint(ReactorUnix reactor, Path path, double timeout, boolean checkPID) {
        this.reactor = Objects.requireNonNull(reactor, "reactor");
        this.path = Objects.requireNonNull(path, "path");
        this.timeout = Checks.timeout(timeout);
        this.checkPID = checkPID;
    }

    /** Connects with the reactor's {@code connectUNIX}. */
    @Override
    public Deferred<Protocol> connect(Factory factory) {
        Objects.requireNonNull(factory, "factory");
        return ConnectingFactory.connect(factory,
                connecting -> reactor.connectUNIX(path, connecting, timeout, checkPID));
    }

    /** Returns the socket's path. */
    public Path path() {
        return path;
    }

    /** Returns the connection timeout in seconds. */
    public double timeout() {
        return timeout;
    }

    /** Returns whether the lock file is checked. */
    public boolean checkPID() {
        return checkPID;
    }

    @Override
    public String toString() {
        return "UNIXClientEndpoint[" + path + "]";
    }
}
