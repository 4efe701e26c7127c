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

    /**
     * Listens on a name in Linux's abstract namespace (Twisted's {@code listenUNIX} given a name that begins
     * with a NUL byte): no file is made, so there is no mode and no lock file, and the name is free again once
     * the port closes. {@link ListeningPort#getHost()} is {@link UNIXAddress#abstractName(String)}.
     *
     * @implSpec The default refuses: the JDK's UNIX sockets cannot bind abstract names. The native reactors of
     * module {@code nativeio} ({@code epoll}, {@code io_uring}) implement it.
     * @param name the name, without its leading NUL
     * @param factory builds a protocol for each connection
     * @param backlog how many connections may wait to be accepted
     * @return the listening port
     * @throws CannotListenError if the name is taken
     * @throws IllegalArgumentException if the name is empty, holds a NUL or is too long
     * @throws UnsupportedOperationException if this reactor has no abstract names, naming the ones that have
     */
    default ListeningPort listenUNIXAbstract(String name, Factory factory, int backlog) {
        UNIXAddress.checkAbstractName(name);
        throw abstractNamesUnsupported(this);
    }

    /**
     * Connects to a name in Linux's abstract namespace; the outcome reaches the factory as for
     * {@link #connectUNIX}.
     *
     * @implSpec The default refuses, as {@link #listenUNIXAbstract} does.
     * @param name the name, without its leading NUL
     * @param factory told about the attempt and builds the protocol
     * @param timeout seconds to wait for the connection before failing it
     * @return the connector
     * @throws IllegalArgumentException if the name is empty, holds a NUL or is too long, or {@code timeout} is
     *     not positive
     * @throws UnsupportedOperationException if this reactor has no abstract names, naming the ones that have
     */
    default Connector connectUNIXAbstract(String name, ClientFactory factory, double timeout) {
        UNIXAddress.checkAbstractName(name);
        throw abstractNamesUnsupported(this);
    }

    /** Says that {@code reactor} has no abstract UNIX names and which reactors have them. */
    private static UnsupportedOperationException abstractNamesUnsupported(ReactorUnix reactor) {
        return new UnsupportedOperationException("abstract UNIX socket names need the epoll or io_uring reactor "
                + "(module twisted4j-nativeio; twist --reactor epoll): " + reactor.getClass().getSimpleName()
                + " uses the JDK's UNIX sockets, which refuse them");
    }
}
