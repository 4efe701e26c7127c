package org.twisted4j.internet.endpoints;

import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.ReactorTCP;
import org.twisted4j.internet.ReactorUnix;
import org.twisted4j.internet.UNIXAddress;

/**
 * Listens on a UNIX stream socket, as Twisted's {@code UNIXServerEndpoint}; description
 * {@code unix:PATH:mode=660}, or {@code unix:@NAME} for a name in Linux's abstract namespace (see
 * {@link #abstractName}).
 *
 * <pre>{@code
 * new UNIXServerEndpoint(reactor, Path.of("/run/app.sock")).listen(factory);
 * UNIXServerEndpoint.abstractName(reactor, "app", 50).listen(factory);   // the epoll and io_uring reactors
 * }</pre>
 *
 * <h2>Threading</h2>
 * Immutable, so any thread may hold one; {@link #listen} belongs to the reactor thread.
 */
public final class UNIXServerEndpoint implements StreamServerEndpoint {

    private final ReactorUnix reactor;
    private final @Nullable Path path;
    private final @Nullable String abstractName;
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
        this(reactor, Objects.requireNonNull(path, "path"), null, backlog, mode, wantPID);
    }

    private UNIXServerEndpoint(ReactorUnix reactor, @Nullable Path path, @Nullable String abstractName, int backlog,
            int mode, boolean wantPID) {
        this.reactor = Objects.requireNonNull(reactor, "reactor");
        this.path = path;
        this.abstractName = abstractName;
        this.backlog = Checks.backlog(backlog);
        if (mode < 0 || mode > 07777) {
            throw new IllegalArgumentException("mode must be between 0 and 07777, not 0" + Integer.toOctalString(mode));
        }
        this.mode = mode;
        this.wantPID = wantPID;
    }

    /**
     * Creates an endpoint on a name in Linux's abstract namespace: no file, so no mode and no lock file. Only
     * the native reactors (module {@code nativeio}) listen on one; on others {@link #listen} fails with an
     * {@link UnsupportedOperationException} saying so.
     *
     * @param reactor the reactor that listens
     * @param name the name, without the leading NUL
     * @param backlog how many connections may wait to be accepted
     * @return the endpoint
     * @throws IllegalArgumentException if the name is empty, holds a NUL or is too long, or {@code backlog} is
     *     negative
     */
    public static UNIXServerEndpoint abstractName(ReactorUnix reactor, String name, int backlog) {
        return new UNIXServerEndpoint(reactor, null, UNIXAddress.checkAbstractName(name), backlog,
                ReactorUnix.DEFAULT_MODE, false);
    }

    /**
     * Listens with the reactor's {@code listenUNIX}, or {@code listenUNIXAbstract} for an abstract name; a
     * {@code CannotListenError} fails the Deferred.
     */
    @Override
    public Deferred<ListeningPort> listen(Factory factory) {
        Objects.requireNonNull(factory, "factory");
        String name = abstractName;
        return name != null ? Checks.listen(() -> reactor.listenUNIXAbstract(name, factory, backlog))
                : Checks.listen(() -> reactor.listenUNIX(Objects.requireNonNull(path), factory, backlog, mode,
                        wantPID));
    }

    /** Returns the socket's path, or null for an abstract name. */
    public @Nullable Path path() {
        return path;
    }

    /** Returns the name in the abstract namespace (without the leading NUL), or null for a path. */
    public @Nullable String abstractName() {
        return abstractName;
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
        return "UNIXServerEndpoint[" + (abstractName != null ? "@" + abstractName : path) + "]";
    }
}
