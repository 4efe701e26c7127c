package org.twisted4j.internet;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A listening UNIX domain stream socket of a {@link NioReactor}, as Twisted's: the socket's file gets the
 * asked-for mode and is removed when the port stops. With a lock file ({@code wantPID}) next to it, a
 * second server is refused while the first runs, and the socket file a dead server left behind is removed
 * before binding. Reactor thread only.
 */
final class UnixPort extends StreamPort {
    private static final PosixFilePermission[] BITS = {
        PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
        PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
        PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ,
    };

    private final Path path;
    private final int mode;
    private final boolean wantPID;
    private @Nullable UnixSocketLock lock;
    private boolean ownsFile;

    UnixPort(NioReactor reactor, Path path, Factory factory, int backlog, int mode, boolean wantPID) {
        super(reactor, factory, backlog);
        if (backlog < 0) {
            throw new IllegalArgumentException("backlog must not be negative: " + backlog);
        }
        this.path = path;
        this.mode = mode;
        this.wantPID = wantPID;
    }

    /** Returns the permissions an octal {@code chmod} mode gives (its lowest nine bits). */
    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        for (int bit = 0; bit < BITS.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                permissions.add(BITS[bit]);
            }
        }
        return permissions;
    }

    @Override
    ServerSocketChannel open() {
        if (wantPID) {
            takeLock();
        }
        ServerSocketChannel opened = null;
        try {
            opened = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            opened.bind(UnixDomainSocketAddress.of(path), backlog);
            ownsFile = true;
            Files.setPosixFilePermissions(path, permissions(mode));
            return opened;
        } catch (IOException | UnsupportedOperationException e) {
            Sockets.closeQuietly(opened);
            closed();
            throw cannotListen(e);
        }
    }

    private void takeLock() {
        try {
            lock = UnixSocketLock.take(path);
        } catch (IOException e) {
            throw cannotListen(e);
        }
    }

    @Override
    void closed() {
        if (ownsFile) {
            ownsFile = false;
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                ReactorLog.warn("cannot remove the socket file " + path, e);
            }
        }
        UnixSocketLock held = lock;
        lock = null;
        if (held != null) {
            try {
                held.release();
            } catch (IOException | IllegalStateException e) {
                ReactorLog.warn("cannot release the lock " + UnixSocketLock.lockPath(path), e);
            }
        }
    }

    @Override
    CannotListenError cannotListen(Exception cause) {
        return new CannotListenError(path.toString(), 0, cause);
    }

    @Override
    StreamConnection newConnection(SelectionKey key, Protocol protocol) {
        return new UnixConnection(reactor, key, protocol, null);
    }

    @Override
    public String toString() {
        return "UnixPort[" + path + ", " + factory + "]";
    }
}
