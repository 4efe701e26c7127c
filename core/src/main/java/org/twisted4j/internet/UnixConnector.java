package org.twisted4j.internet;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * An outgoing connection to a UNIX domain socket of a {@link NioReactor}; with {@code checkPID}, fails
 * with {@link BadFileError} without connecting when no running process holds the socket's lock file.
 * Reactor thread only.
 */
final class UnixConnector extends StreamConnector {
    private final Path path;
    private final boolean checkPID;

    UnixConnector(NioReactor reactor, Path path, ClientFactory factory, double timeout, boolean checkPID) {
        super(reactor, factory, timeout, new UNIXAddress(path));
        if (!(timeout > 0)) {
            throw new IllegalArgumentException("timeout must be positive, not " + timeout);
        }
        this.path = path;
        this.checkPID = checkPID;
    }

    @Override
    void begin(long thisAttempt) {
        reactor.callLater(0, () -> {
            if (isCurrent(thisAttempt)) {
                open();
            }
        });
    }

    private void open() {
        SocketChannel open = null;
        try {
            if (checkPID && !UnixSocketLock.isHeld(path)) {
                failed(new BadFileError(path));
                return;
            }
            open = SocketChannel.open(StandardProtocolFamily.UNIX);
            connectChannel(open, UnixDomainSocketAddress.of(path));
        } catch (IOException e) {
            Sockets.closeQuietly(open);
            failed(connectError(e));
        }
    }

    @Override
    StreamConnection newConnection(SelectionKey key, Protocol protocol) {
        return new UnixConnection(reactor, key, protocol, this);
    }
}
