package org.twisted4j.internet;

import java.nio.file.Path;

/**
 * UNIX domain socket servers and clients, as Twisted's {@code IReactorUNIX}.
 *
 * <pre>{@code
 * reactor.listenUNIX(Path.of("/run/app.sock"), factory);
 * reactor.connectUNIX(Path.of("/run/app.sock"), clientFactory);
 * }</pre>
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public interface ReactorUnix {

    /** The default permissions of a listening socket's file: read and write for everyone (octal 666). */
    int DEFAULT_MODE = 0666;

    /**
     * Listens on a UNIX domain socket.
     *
     * @param path where the socket's file is created
     * @param factory builds a protocol for each connection
     * @param backlog how many connections may wait to be accepted
     * @param mode the permissions of the socket's file, as for {@code chmod}
     * @param wantPID whether to keep a lock file next to the socket holding this process's id, so that a
     *     second server refuses to take over a socket in use
     * @return the listening port
     * @throws CannotListenError if the socket cannot be created
     * @throws IllegalArgumentException if {@code backlog} is negative
     */
    ListeningPort listenUNIX(Path path, Factory factory, int backlog, int mode, boolean wantPID);

    /**
     * Listens on a UNIX domain socket with the default backlog and {@link #DEFAULT_MODE}, without a lock
     * file.
     *
     * @param path where the socket's file is created
     * @param factory builds a protocol for each connection
     * @return the listening port
     * @throws CannotListenError if the socket cannot be created
     */
    default ListeningPort listenUNIX(Path path, Factory factory) {
        return listenUNIX(path, factory, ReactorTCP.DEFAULT_BACKLOG, DEFAULT_MODE, false);
    }

    /**
     * Connects to a UNIX domain socket; the outcome reaches the factory as for
     * {@link ReactorTCP#connectTCP}.
     *
     * @param path the socket to connect to
     * @param factory told about the attempt and builds the protocol
     * @param timeout seconds to wait for the connection before failing it
     * @param checkPID whether to fail at once, without connecting, when the server's lock file names a
     *     process that no longer runs
     * @return the connector
     * @throws IllegalArgumentException if {@code timeout} is not positive
     */
    Connector connectUNIX(Path path, ClientFactory factory, double timeout, boolean checkPID);

    /**
     * Connects to a UNIX domain socket with the default timeout, without checking a lock file.
     *
     * @param path the socket to connect to
     * @param factory told about the attempt and builds the protocol
     * @return the connector
     */
    default Connector connectUNIX(Path path, ClientFactory factory) {
        return connectUNIX(path, factory, ReactorTCP.DEFAULT_CONNECT_TIMEOUT, false);
    }
}
