package org.twisted4j.internet.endpoints;

import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.ReactorTCP;
import org.twisted4j.internet.ReactorUnix;
import org.twisted4j.internet.UNIXAddress;

/**
 * Connects to a UNIX stream socket, as Twisted's {@code UNIXClientEndpoint}; description
 * {@code unix:path=PATH:timeout=S:checkPID=1} or {@code unix:PATH}, or {@code unix:@NAME} for a name in
 * Linux's abstract namespace (see {@link #abstractName}).
 *
 * <pre>{@code
 * new UNIXClientEndpoint(reactor, Path.of("/run/app.sock")).connect(factory);
 * UNIXClientEndpoint.abstractName(reactor, "app", 30).connect(factory);   // the epoll and io_uring reactors
 * }</pre>
 *
 * <h2>Threading</h2>
 * Immutable, so any thread may hold one; {@link #connect} belongs to the reactor thread.
 */
public final class UNIXClientEndpoint implements StreamClientEndpoint {

    private final ReactorUnix reactor;
    private final @Nullable Path path;
    private final @Nullable String abstractName;
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
        this(reactor, Objects.requireNonNull(path, "path"), null, timeout, checkPID);
    }

    private UNIXClientEndpoint(ReactorUnix reactor, @Nullable Path path, @Nullable String abstractName,
            double timeout, boolean checkPID) {
        this.reactor = Objects.requireNonNull(reactor, "reactor");
        this.path = path;
        this.abstractName = abstractName;
        this.timeout = Checks.timeout(timeout);
        this.checkPID = checkPID;
    }

    /**
     * Creates an endpoint connecting to a name in Linux's abstract namespace (no lock file to check). Only the
     * native reactors (module {@code nativeio}) connect to one; on others {@link #connect} fails with an
     * {@link UnsupportedOperationException} saying so.
     *
     * @param reactor the reactor that connects
     * @param name the name, without the leading NUL
     * @param timeout seconds to wait for the connection before giving up
     * @return the endpoint
     * @throws IllegalArgumentException if the name is empty, holds a NUL or is too long, or {@code timeout} is
     *     not a positive number
     */
    public static UNIXClientEndpoint abstractName(ReactorUnix reactor, String name, double timeout) {
        return new UNIXClientEndpoint(reactor, null, UNIXAddress.checkAbstractName(name), timeout, false);
    }

    /** Connects with the reactor's {@code connectUNIX}, or {@code connectUNIXAbstract} for an abstract name. */
    @Override
    public Deferred<Protocol> connect(Factory factory) {
        Objects.requireNonNull(factory, "factory");
        String name = abstractName;
        if (name != null) {
            return ConnectingFactory.connect(factory,
                    connecting -> reactor.connectUNIXAbstract(name, connecting, timeout));
        }
        Path file = Objects.requireNonNull(path);
        return ConnectingFactory.connect(factory,
                connecting -> reactor.connectUNIX(file, connecting, timeout, checkPID));
    }

    /** Returns the socket's path, or null for an abstract name. */
    public @Nullable Path path() {
        return path;
    }

    /** Returns the name in the abstract namespace (without the leading NUL), or null for a path. */
    public @Nullable String abstractName() {
        return abstractName;
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
        return "UNIXClientEndpoint[" + (abstractName != null ? "@" + abstractName : path) + "]";
    }
}
