package org.twisted4j.twist;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A UNIX datagram socket that sends to one path, through libc by JNA: the JDK has UNIX domain stream
 * sockets but not datagram ones, and both the syslog socket ({@code /dev/log}) and systemd's
 * {@code NOTIFY_SOCKET} are datagram sockets. A path that starts with {@code @} names a socket in the
 * abstract namespace, as systemd writes them.
 *
 * <p>Not thread-safe: one sender at a time (callers synchronise).
 */
final class UnixDatagram implements Closeable {

    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 02000000;
    private static final int MSG_NOSIGNAL = 0x4000;
    /** {@code sizeof(sun_path)} on Linux. */
    private static final int SUN_PATH_SIZE = 108;

    /** The libc calls used. */
    private interface LibC extends Library {
        int socket(int domain, int type, int protocol) throws LastErrorException;

        long sendto(int fd, byte[] buffer, long length, int flags, byte[] address, int addressLength)
                throws LastErrorException;

        int close(int fd) throws LastErrorException;
    }

    /** Loaded on first use, so that nothing native is loaded unless a feature needs it. */
    private static final class Native0 {
        static final LibC C = Native.load("c", LibC.class);
    }

    private final String path;
    private final byte[] address;
    private int fd = -1;

    /**
     * Prepares a socket that sends to {@code path}; nothing is opened until the first {@link #send}.
     *
     * @throws IllegalArgumentException if the path is empty or too long for a UNIX socket address
     */
    UnixDatagram(String path) {
        this.path = path;
        this.address = address(path);
    }

    /** Returns the {@code struct sockaddr_un} for {@code path}, as many bytes as the address length says. */
    static byte[] address(String path) {
        byte[] name = path.getBytes(StandardCharsets.UTF_8);
        boolean abstractName = name.length > 0 && name[0] == '@';
        if (name.length == 0 || name.length > SUN_PATH_SIZE - (abstractName ? 0 : 1)) {
            throw new IllegalArgumentException("not a usable UNIX socket path: '" + path + "'");
        }
        if (abstractName) {
            name[0] = 0;
        }
        ByteBuffer address = ByteBuffer.allocate(2 + name.length + (abstractName ? 0 : 1))
                .order(ByteOrder.nativeOrder());
        address.putShort((short) AF_UNIX).put(name);
        return address.array();
    }

    /**
     * Sends {@code message} as one datagram, opening the socket first if needed.
     *
     * @throws IOException if the socket cannot be opened or the datagram not sent (nobody listens on the
     *     path, say); the socket is closed then, to be opened again by the next send
     */
    void send(byte[] message) throws IOException {
        try {
            if (fd < 0) {
                fd = Native0.C.socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
            }
            Native0.C.sendto(fd, message, message.length, MSG_NOSIGNAL, address, address.length);
        } catch (LastErrorException e) {
            close();
            throw new IOException("cannot send to " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (fd >= 0) {
            int open = fd;
            fd = -1;
            try {
                Native0.C.close(open);
            } catch (LastErrorException e) {
                // closed all the same
            }
        }
    }
}
