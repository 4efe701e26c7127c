package org.twisted4j.internet.endpoints;

import java.nio.file.Path;
import java.util.Objects;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.ReactorTCP;
import org.twisted4j.internet.ReactorUnix;

/**
 * Listens on a UNIX stream socket, as Twisted's {@code UNIXServerEndpoint}; description
 * {@code unix:PATH:mode=660}.
 *
 * <pre>{@code
 * new UNIXServerEndpoint(reactor, Path.of("/run/app.sock")).listen(factory);
 * }</pre>
 *
 * <h2>Threading</h2>
 * Immutable, so any thread may hold one; {@link #listen} belongs to the reactor thread.
 */
public final class UNIXServerEndpoint implements StreamServerEndpoint {

    private final ReactorUnix reactor;
    private final Path path;
    private final int backlog;
    private final int mode;
    private final boolean wantPID;

    /**
     * Creates an endpoint with the default backlog, mode {@code 0666} and no lock file.
     *
     * @param reactor the reactor that listens
     * @param path where the socket file goes
     */
    public UNIXServerEndpoint(ReactorUnix reactor, Path path) {
        this(reactor, path, ReactorTCP.DEFAULT_BACKLOG, ReactorUnix.DEFAULT_MODE, false);
    }

    /**
     * Creates an endpoint.
     *
     * @param reactor the reactor that listens
     * @param path where the socket file goes
     * @param backlog how many connections may wait to be accepted
     * @param mode the socket file's permission bits, such as {@code 0660}
     * @param wantPID whether to keep a lock file next to the socket naming the listening process
     * @throws IllegalArgumentException if {@code backlog} is negative or {@code mode} is outside
     *     {@code 0} to {@code 07777}
     */
    public UNIXServerEndpoint(ReactorUnix reactor, Path path, int backlog, int mode, boolean wantPID) {
        this.reactor = Objects.requireNonNull(reactor, "reactor");
        this.path = Objects.requireNonNull(path, "path");
        this.backlog = Checks.backlog(backlog);
        if (mode < 0 || mode > 07777) {
            throw new IllegalArgumentException("mode must be between 0 and 07777, not 0" + Integer.toOctalString(mode));
        }
        this.mode = mode;
        this.wantPID = wantPID;
    }

    /** Listens with the reactor's {@code listenUNIX}; a {@code CannotListenError} fails the Deferred. */
    @Override
    public Deferred<ListeningPort> listen(Factory factory) {
        Objects.requireNonNull(factory, "factory");
        return Checks.listen(() -> reactor.listenUNIX(path, factory, backlog, mode, wantPID));
    }

    /** Returns the socket's path. */
    public Path path() {
        return path;
    }

    /** Returns the backlog. */
    public int backlog() {
        return backlog;
    }

    /** Returns the socket file's permission bits. */
    public int mode() {
        return mode;
    }

    /** Returns whether a lock file is kept. */
    public boolean wantPID() {
        return wantPID;
    }

    @Override
    public String toString() {
        return "UNIXServerEndpoint[" + path + "]";
    }
}
